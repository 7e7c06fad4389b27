// The three families of runs (docs/conventions.md#families): one data margin γ and one
// step-size rule each, shared by `lingrok reproduce` and the `protocols` plan.
//   literal       γ = 1e-3 (the paper's data), η = 1e-2 (the paper's step; ηβ ≈ 30-50, outside
//                 Theorem 4.1's premise ηβ < 2);
//   stable        γ = 0.05, η = 1/β (the premise holds; the phases fall far beyond 10^7 steps:
//                 the nearest non-support margins are a few percent above the support margin);
//   paper-stable  γ = 1e-3, η = 1/β (the paper's data under the premise; t1 ~ 5·10^8 steps at
//                 d = 2, within GD's reach).
#pragma once

#include <array>
#include <stdexcept>
#include <string>

namespace lingrok {

inline constexpr std::array<const char*, 3> kFamilies = {"literal", "stable", "paper-stable"};

inline bool is_family(const std::string& name) {
  for (const char* f : kFamilies)
    if (name == f) return true;
  return false;
}

// The data's margin γ of a family.
inline double family_gamma(const std::string& family) {
  if (!is_family(family))
    throw std::invalid_argument("unknown family \"" + family +
                                "\"; use literal, stable or paper-stable");
  return family == "stable" ? 0.05 : 1e-3;
}

// Whether the family's step is η = 1/β (computed by the theory) rather than the paper's 1e-2.
inline bool family_eta_is_stable(const std::string& family) {
  family_gamma(family);  // validates the name
  return family != "literal";
}

}  // namespace lingrok
