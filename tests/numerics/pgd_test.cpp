#define BOOST_TEST_MODULE numerics_pgd
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <limits>
#include <string>

#include "core/error.hpp"
#include "core/rng.hpp"
#include "numerics/pgd/pgd.hpp"

using lingrok::ClipBox;
using lingrok::Dataset;
using lingrok::InputError;
using lingrok::PgdOptions;
using lingrok::Rng;
using lingrok::RowMatrix;

namespace {

// n points uniform in [-scale, scale]^d with random labels.
Dataset random_set(Rng& rng, Eigen::Index n, int d, double scale) {
  Dataset t;
  t.name = "test_standard";
  t.X.resize(n, d);
  t.y.resize(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    for (int j = 0; j < d; ++j) t.X(i, j) = rng.uniform(-scale, scale);
    t.y(i) = rng.uniform01() < 0.5 ? -1.0 : 1.0;
  }
  return t;
}

Eigen::VectorXd random_w(Rng& rng, int d, double scale) {
  Eigen::VectorXd w(d);
  for (int j = 0; j < d; ++j) w(j) = rng.uniform(-scale, scale);
  return w;
}

double margin(const Eigen::VectorXd& w, double b, const Eigen::RowVectorXd& x, double y) {
  double f = b;
  for (Eigen::Index j = 0; j < w.size(); ++j) f += w(j) * x(j);
  return y * f;
}

// min over the 2^d vertices of the box [max(x-eps,lo), min(x+eps,hi)] of y f(x').
double brute_force_worst_margin(const Eigen::RowVectorXd& x, double y, const ClipBox& box,
                                const Eigen::VectorXd& w, double b, double eps) {
  const Eigen::Index d = x.size();
  double best = std::numeric_limits<double>::infinity();
  for (unsigned mask = 0; mask < (1u << d); ++mask) {
    Eigen::RowVectorXd v(d);
    for (Eigen::Index j = 0; j < d; ++j) {
      v(j) = (mask >> j) & 1u ? std::min(x(j) + eps, box.hi(j)) : std::max(x(j) - eps, box.lo(j));
    }
    best = std::min(best, margin(w, b, v, y));
  }
  return best;
}

bool message_contains(const InputError& e, const std::string& what) {
  return std::string(e.what()).find(what) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(clip_box_is_the_per_coordinate_range) {
  Dataset t;
  t.X.resize(3, 2);
  t.X << 1, -2, 3, 5, -4, 0;
  t.y = Eigen::Vector3d(1, -1, 1);
  const ClipBox box = lingrok::clip_box_of(t);
  BOOST_TEST(box.lo(0) == -4.0);
  BOOST_TEST(box.hi(0) == 3.0);
  BOOST_TEST(box.lo(1) == -2.0);
  BOOST_TEST(box.hi(1) == 5.0);
}

BOOST_AUTO_TEST_CASE(one_step_matches_hand_computation) {
  // x = (0, 0), y = +1, w = (2, -3, 0), b = 0.5: ascent direction -y sign(w) = (-1, +1, 0).
  Dataset t;
  t.X.resize(2, 3);
  t.X << 0.0, 0.0, 0.0,  //
      1.0, -1.0, 0.7;    // widens the clip box to [0,1] x [-1,0] x [0,0.7]
  t.y = Eigen::Vector2d(1.0, -1.0);
  const ClipBox box = lingrok::clip_box_of(t);
  const Eigen::Vector3d w(2.0, -3.0, 0.0);
  PgdOptions o;
  o.steps = 1;
  const RowMatrix one = lingrok::pgd_attack(t, box, w, 0.5, o);
  // Point 0: x' = x + 0.25 (-1, +1, 0) = (-0.25, 0.25, 0), clipped to the box: (0, 0, 0).
  BOOST_TEST(one(0, 0) == 0.0);
  BOOST_TEST(one(0, 1) == 0.0);
  BOOST_TEST(one(0, 2) == 0.0);
  // Point 1 (y = -1): direction (+1, -1, 0): (1.25, -1.25, 0.7) -> clipped (1, -1, 0.7).
  BOOST_TEST(one(1, 0) == 1.0);
  BOOST_TEST(one(1, 1) == -1.0);
  BOOST_TEST(one(1, 2) == 0.7);  // w_2 = 0: never moves

  // Unclipped: a wide box, two steps of 1/4 then the ball (eps = 0.6) stops the third.
  ClipBox wide{Eigen::Vector3d::Constant(-10.0), Eigen::Vector3d::Constant(10.0)};
  o.eps_adv = 0.6;
  o.steps = 2;
  RowMatrix two = lingrok::pgd_attack(t, wide, w, 0.5, o);
  BOOST_TEST(two(0, 0) == -0.5);
  BOOST_TEST(two(0, 1) == 0.5);
  BOOST_TEST(two(1, 0) == 1.5);
  BOOST_TEST(two(1, 1) == -1.5);
  o.steps = 3;
  const RowMatrix three = lingrok::pgd_attack(t, wide, w, 0.5, o);
  BOOST_TEST(three(0, 0) == 0.0 - 0.6);
  BOOST_TEST(three(0, 1) == 0.0 + 0.6);
  BOOST_TEST(three(1, 0) == 1.0 + 0.6);
  BOOST_TEST(three(1, 1) == -1.0 - 0.6);
}

BOOST_AUTO_TEST_CASE(step_direction_is_the_sign_of_the_logistic_input_gradient) {
  Rng rng(11);
  for (int trial = 0; trial < 200; ++trial) {
    const int d = 1 + static_cast<int>(rng.below(5));
    Eigen::VectorXd w = random_w(rng, d, 2.0);
    if (d > 1) w(0) = 0.0;  // the degenerate coordinate
    const Eigen::RowVectorXd x = random_w(rng, d, 3.0).transpose();
    const double y = rng.uniform01() < 0.5 ? -1.0 : 1.0;
    const double b = rng.uniform(-1, 1);
    const Eigen::VectorXd g = lingrok::logistic_input_gradient(x, y, w, b);
    // Finite differences of ℓ_log(y f(x)) = log(1 + e^{-y f}) in each coordinate.
    for (int j = 0; j < d; ++j) {
      const double h = 1e-6;
      Eigen::RowVectorXd xp = x, xm = x;
      xp(j) += h;
      xm(j) -= h;
      const double fd = (std::log1p(std::exp(-margin(w, b, xp, y))) -
                         std::log1p(std::exp(-margin(w, b, xm, y)))) /
                        (2 * h);
      BOOST_TEST(g(j) == fd, boost::test_tools::tolerance(1e-6));
    }
    // One PGD step from x inside a wide box moves by step * sign(g).
    Dataset t;
    t.X = x;
    t.y = Eigen::VectorXd::Constant(1, y);
    const ClipBox wide{Eigen::VectorXd::Constant(d, -100.0), Eigen::VectorXd::Constant(d, 100.0)};
    PgdOptions o;
    o.steps = 1;
    const RowMatrix a = lingrok::pgd_attack(t, wide, w, b, o);
    for (int j = 0; j < d; ++j) {
      const double sign = g(j) > 0 ? 1.0 : (g(j) < 0 ? -1.0 : 0.0);
      BOOST_TEST(a(0, j) == x(j) + 0.25 * sign);
    }
  }
}

BOOST_AUTO_TEST_CASE(pgd_keeps_attacking_when_the_logistic_weight_underflows) {
  // y f = 1000: q = 1/(1+e^1000) is 0 in double, but the adversary can still flip the point
  // (eps ||w||_1 = 2000 > 1000). Taking sign(-q y w) literally would freeze PGD at x.
  Dataset t;
  t.X = Eigen::RowVector2d(0.5, 0.5);
  t.y = Eigen::VectorXd::Constant(1, 1.0);
  const Eigen::Vector2d w(1000.0, 1000.0);
  const ClipBox wide{Eigen::Vector2d(-5, -5), Eigen::Vector2d(5, 5)};
  BOOST_TEST(lingrok::logistic_input_gradient(t.X.row(0), 1.0, w, 0.0).norm() == 0.0);
  PgdOptions o;
  BOOST_TEST(lingrok::pgd_accuracy(t, wide, w, 0.0, o) == 0.0);
  BOOST_TEST(lingrok::exact_robust_accuracy(t, wide, w, 0.0, 1.0) == 0.0);
}

BOOST_AUTO_TEST_CASE(closed_form_matches_brute_force_over_vertices_in_2d_and_3d) {
  Rng rng(2024);
  int clipped = 0, flips = 0, robust = 0;
  for (int d : {2, 3}) {
    for (int trial = 0; trial < 300; ++trial) {
      const Dataset t = random_set(rng, 40, d, rng.uniform(0.5, 3.0));
      const ClipBox box = lingrok::clip_box_of(t);
      const Eigen::VectorXd w = random_w(rng, d, 2.0);
      const double b = rng.uniform(-1.0, 1.0);
      const double eps = rng.uniform(0.05, 1.5);
      const RowMatrix worst = lingrok::exact_worst_case(t, box, w, b, eps);
      Eigen::Index hits = 0;
      for (Eigen::Index i = 0; i < t.size(); ++i) {
        const Eigen::RowVectorXd x = t.X.row(i);
        const double bf = brute_force_worst_margin(x, t.y(i), box, w, b, eps);
        const double cf = margin(w, b, worst.row(i), t.y(i));
        BOOST_TEST(cf == bf, boost::test_tools::tolerance(1e-12));
        for (int j = 0; j < d; ++j) {
          // In the ball (its ends as computed in double, see pgd.hpp) and in the box.
          BOOST_TEST(worst(i, j) >= x(j) - eps);
          BOOST_TEST(worst(i, j) <= x(j) + eps);
          BOOST_TEST(worst(i, j) >= box.lo(j));
          BOOST_TEST(worst(i, j) <= box.hi(j));
          clipped += (worst(i, j) == box.lo(j) || worst(i, j) == box.hi(j)) &&
                             std::abs(worst(i, j) - x(j)) < eps
                         ? 1
                         : 0;
        }
        hits += bf > 0 ? 1 : 0;
        flips += margin(w, b, x, t.y(i)) > 0 && bf <= 0 ? 1 : 0;
      }
      robust += static_cast<int>(hits);
      BOOST_TEST(lingrok::exact_robust_accuracy(t, box, w, b, eps) ==
                 static_cast<double>(hits) / static_cast<double>(t.size()));
    }
  }
  // The cases exercise the clip box, the attack flipping points, and robust points.
  BOOST_TEST(clipped > 100);
  BOOST_TEST(flips > 100);
  BOOST_TEST(robust > 100);
}

BOOST_AUTO_TEST_CASE(a_zero_decision_value_counts_as_an_error) {
  // x = (1, 0.3), y = +1, w = (1, 0), b = 0: the worst case x'_0 = 1 - 1 = 0 gives f = 0 exactly.
  Dataset t;
  t.X.resize(2, 2);
  t.X << 1.0, 0.3,  //
      2.0, 0.0;
  t.y = Eigen::Vector2d(1.0, 1.0);
  const ClipBox box = lingrok::clip_box_of(t);  // [1, 2] x [0, 0.3]
  const ClipBox wide{Eigen::Vector2d(-5, -5), Eigen::Vector2d(5, 5)};
  const Eigen::Vector2d w(1.0, 0.0);
  BOOST_TEST(lingrok::exact_robust_accuracy(t, wide, w, 0.0, 1.0) == 0.5);  // point 0 at f = 0
  BOOST_TEST(lingrok::pgd_accuracy(t, wide, w, 0.0, PgdOptions{}) == 0.5);
  BOOST_TEST(lingrok::exact_robust_accuracy(t, box, w, 0.0, 1.0) == 1.0);  // the box stops it
  BOOST_TEST(lingrok::pgd_accuracy(t, box, w, 0.0, PgdOptions{}) == 1.0);
  // w = 0, b = 0: f = 0 everywhere, nothing is correct.
  BOOST_TEST(lingrok::exact_robust_accuracy(t, box, Eigen::Vector2d::Zero(), 0.0, 0.0) == 0.0);
  PgdOptions o;
  o.steps = 0;
  BOOST_TEST(lingrok::pgd_accuracy(t, box, Eigen::Vector2d::Zero(), 0.0, o) == 0.0);
}

BOOST_AUTO_TEST_CASE(exact_with_zero_radius_is_the_clean_accuracy) {
  Rng rng(5);
  const Dataset t = random_set(rng, 500, 3, 2.0);
  const Eigen::VectorXd w = random_w(rng, 3, 1.0);
  Eigen::Index hits = 0;
  for (Eigen::Index i = 0; i < t.size(); ++i) hits += margin(w, 0.1, t.X.row(i), t.y(i)) > 0;
  BOOST_TEST(lingrok::exact_robust_accuracy(t, lingrok::clip_box_of(t), w, 0.1, 0.0) ==
             static_cast<double>(hits) / 500.0);
}

BOOST_AUTO_TEST_CASE(pgd_accuracy_is_never_below_the_exact_robust_accuracy) {
  Rng rng(77);
  int strictly_above = 0;
  for (int trial = 0; trial < 400; ++trial) {
    const int d = 1 + static_cast<int>(rng.below(6));
    const Dataset t = random_set(rng, 60, d, rng.uniform(0.5, 3.0));
    const ClipBox box = lingrok::clip_box_of(t);
    const Eigen::VectorXd w = random_w(rng, d, 2.0);
    const double b = rng.uniform(-1.0, 1.0);
    PgdOptions o;
    o.eps_adv = rng.uniform(0.05, 1.5);
    o.step = rng.uniform(0.01, 0.5);
    o.steps = static_cast<int>(rng.below(8));  // often too few to reach the worst case
    o.random_start = rng.uniform01() < 0.5;
    o.seed = rng.next_u64();
    const double pgd = lingrok::pgd_accuracy(t, box, w, b, o);
    const double exact = lingrok::exact_robust_accuracy(t, box, w, b, o.eps_adv);
    BOOST_TEST(pgd >= exact);
    strictly_above += pgd > exact ? 1 : 0;
    // Every PGD point is in the threat set, hence no better for the adversary than the worst.
    const RowMatrix a = lingrok::pgd_attack(t, box, w, b, o);
    const RowMatrix worst = lingrok::exact_worst_case(t, box, w, b, o.eps_adv);
    for (Eigen::Index i = 0; i < t.size(); ++i) {
      BOOST_TEST(margin(w, b, a.row(i), t.y(i)) >= margin(w, b, worst.row(i), t.y(i)) - 1e-12);
    }
  }
  BOOST_TEST(strictly_above > 20);  // the weak attacks do fall short, so the test has teeth
}

BOOST_AUTO_TEST_CASE(pgd_with_enough_steps_reaches_the_exact_worst_case_bit_for_bit) {
  Rng rng(99);
  for (int trial = 0; trial < 300; ++trial) {
    const int d = 1 + static_cast<int>(rng.below(6));
    const Dataset t = random_set(rng, 60, d, rng.uniform(0.5, 3.0));
    const ClipBox box = lingrok::clip_box_of(t);
    Eigen::VectorXd w = random_w(rng, d, 2.0);
    if (trial % 3 == 0) w(rng.below(static_cast<std::uint64_t>(d))) = 0.0;
    const double b = rng.uniform(-1.0, 1.0);
    PgdOptions o;
    o.eps_adv = rng.uniform(0.05, 1.5);
    o.step = rng.uniform(0.01, 0.5);
    o.random_start = trial % 2 == 1;
    o.seed = rng.next_u64();
    o.steps = static_cast<int>(std::ceil(2 * o.eps_adv / o.step)) + 1;
    const RowMatrix a = lingrok::pgd_attack(t, box, w, b, o);
    const RowMatrix worst = lingrok::exact_worst_case(t, box, w, b, o.eps_adv);
    for (Eigen::Index i = 0; i < t.size(); ++i) {
      for (int j = 0; j < d; ++j) {
        if (w(j) != 0.0) BOOST_TEST(a(i, j) == worst(i, j));
      }
    }
    BOOST_TEST(lingrok::pgd_accuracy(t, box, w, b, o) ==
               lingrok::exact_robust_accuracy(t, box, w, b, o.eps_adv));
  }
  // The defaults of docs/pgd.md (eps 1, step 1/4, 20 steps) are enough, from x and from a random
  // start.
  const Dataset t = random_set(rng, 2000, 2, 2.0);
  const ClipBox box = lingrok::clip_box_of(t);
  const Eigen::Vector2d w(1.3, -0.4);
  for (bool random_start : {false, true}) {
    PgdOptions o;
    o.random_start = random_start;
    o.seed = 3;
    const double exact = lingrok::exact_robust_accuracy(t, box, w, 0.2, 1.0);
    BOOST_TEST(lingrok::pgd_accuracy(t, box, w, 0.2, o) == exact);
    BOOST_TEST(exact < 0.9);  // the attack matters here
  }
}

BOOST_AUTO_TEST_CASE(random_start_stays_in_the_ball_and_the_box_and_is_seeded) {
  Rng rng(3);
  const Dataset t = random_set(rng, 1000, 3, 1.0);
  const ClipBox box = lingrok::clip_box_of(t);
  const Eigen::Vector3d w(0.5, -1.0, 0.0);
  PgdOptions o;
  o.random_start = true;
  o.steps = 0;  // the start point itself
  o.seed = 42;
  const RowMatrix s = lingrok::pgd_attack(t, box, w, 0.0, o);
  int moved = 0, near_edge = 0;
  for (Eigen::Index i = 0; i < t.size(); ++i) {
    for (int j = 0; j < 3; ++j) {
      BOOST_TEST(s(i, j) >= t.X(i, j) - o.eps_adv);
      BOOST_TEST(s(i, j) <= t.X(i, j) + o.eps_adv);
      BOOST_TEST(s(i, j) >= box.lo(j));
      BOOST_TEST(s(i, j) <= box.hi(j));
      moved += s(i, j) != t.X(i, j) ? 1 : 0;
      near_edge += s(i, j) < box.lo(j) + 0.05 || s(i, j) > box.hi(j) - 0.05 ? 1 : 0;
    }
  }
  BOOST_TEST(moved == 3000);
  BOOST_TEST(near_edge > 30);  // the box clips the ball for most points (eps = 1, range 2)
  // Same seed, same start; another seed, another start.
  BOOST_TEST((lingrok::pgd_attack(t, box, w, 0.0, o) == s));
  o.seed = 43;
  BOOST_TEST((lingrok::pgd_attack(t, box, w, 0.0, o) != s));
  // Without a random start and with no steps, PGD evaluates the clean points.
  o.random_start = false;
  BOOST_TEST((lingrok::pgd_attack(t, box, w, 0.0, o) == t.X));
}

BOOST_AUTO_TEST_CASE(bad_options_throw_input_errors_naming_the_fix) {
  Rng rng(1);
  const Dataset t = random_set(rng, 10, 2, 1.0);
  const ClipBox box = lingrok::clip_box_of(t);
  const Eigen::Vector2d w(1.0, 1.0);
  auto expect = [&](const PgdOptions& o, const std::string& what) {
    try {
      lingrok::pgd_accuracy(t, box, w, 0.0, o);
      BOOST_FAIL("accepted bad option " + what);
    } catch (const InputError& e) {
      BOOST_TEST(message_contains(e, what));
      BOOST_TEST(message_contains(e, "e.g."));
    }
  };
  PgdOptions o;
  o.eps_adv = 0.0;
  expect(o, "eps_adv");
  o.eps_adv = -1.0;
  expect(o, "eps_adv");
  o.eps_adv = std::nan("");
  expect(o, "eps_adv");
  o = PgdOptions{};
  o.step = 0.0;
  expect(o, "step");
  o.step = -0.25;
  expect(o, "step");
  o = PgdOptions{};
  o.steps = -1;
  expect(o, "steps");
  BOOST_CHECK_THROW(lingrok::exact_robust_accuracy(t, box, w, 0.0, -1.0), InputError);

  // Dimension mismatches: w, the box; and a box from another data set.
  const Eigen::Vector3d w3(1.0, 1.0, 1.0);
  try {
    lingrok::pgd_accuracy(t, box, w3, 0.0, PgdOptions{});
    BOOST_FAIL("accepted w of the wrong dimension");
  } catch (const InputError& e) {
    BOOST_TEST(message_contains(e, "w has 3 coordinates"));
    BOOST_TEST(message_contains(e, "d = 2"));
  }
  BOOST_CHECK_THROW(lingrok::exact_robust_accuracy(t, box, w3, 0.0, 1.0), InputError);
  const ClipBox box3{Eigen::Vector3d::Zero(), Eigen::Vector3d::Ones()};
  try {
    lingrok::exact_robust_accuracy(t, box3, w, 0.0, 1.0);
    BOOST_FAIL("accepted a clip box of the wrong dimension");
  } catch (const InputError& e) {
    BOOST_TEST(message_contains(e, "clip_box_of"));
  }
  const ClipBox far{Eigen::Vector2d(10, 10), Eigen::Vector2d(11, 11)};
  BOOST_CHECK_THROW(lingrok::pgd_accuracy(t, far, w, 0.0, PgdOptions{}), InputError);
  BOOST_CHECK_THROW(lingrok::exact_robust_accuracy(t, far, w, 0.0, 1.0), InputError);
  Dataset empty;
  empty.X.resize(0, 2);
  BOOST_CHECK_THROW(lingrok::clip_box_of(empty), InputError);
  BOOST_CHECK_THROW(lingrok::pgd_accuracy(empty, box, w, 0.0, PgdOptions{}), InputError);
  // A diverged model is a numerical failure, not bad input.
  const Eigen::Vector2d w_nan(std::nan(""), 1.0);
  BOOST_CHECK_THROW(lingrok::pgd_accuracy(t, box, w_nan, 0.0, PgdOptions{}),
                    lingrok::NumericalError);
}

BOOST_AUTO_TEST_CASE(adversarial_accuracies_attack_within_the_test_sets_own_clip_box) {
  // x = 0.5, 3 (y = +1) and -2 (y = -1): clip box [-2, 3], eps 1. With w = 1, b = 0 the worst
  // cases are -0.5 (wrong), 2 and -1 (right): 2/3. With b = 0.6 all three stay right.
  Dataset t;
  t.X.resize(3, 1);
  t.X << 0.5, 3.0, -2.0;
  t.y = Eigen::Vector3d(1.0, 1.0, -1.0);
  const auto accuracies = lingrok::adversarial_accuracies(t, 7);
  const Eigen::VectorXd w = Eigen::VectorXd::Constant(1, 1.0);
  const auto [pgd, exact] = accuracies(w, 0.0);
  BOOST_TEST(pgd == 2.0 / 3.0);
  BOOST_TEST(exact == 2.0 / 3.0);
  const auto [pgd_b, exact_b] = accuracies(w, 0.6);
  BOOST_TEST(pgd_b == 1.0);
  BOOST_TEST(exact_b == 1.0);
}
