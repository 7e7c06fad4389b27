// The constants of the fast GD path's exponential (fast_exp.hpp: e^x = 2^k e^r, k = round(x/ln 2),
// r = x - k ln 2, e^r by its degree-13 Taylor polynomial), shared by the scalar fallback
// (fast_exp.cpp) and the vector kernel (gd_kernel.inc).
#pragma once

namespace lingrok::gd_detail {

// ln 2 split so that k·kLn2Hi is exact for |k| < 2^11 (fdlibm's constants).
inline constexpr double kLog2e = 1.4426950408889634074;
inline constexpr double kLn2Hi = 6.93147180369123816490e-01;
inline constexpr double kLn2Lo = 1.90821492927058770002e-10;
// 1/k! for k = 13 .. 0.
inline constexpr double kInvFact[14] = {1.0 / 6227020800.0,
                                        1.0 / 479001600.0,
                                        1.0 / 39916800.0,
                                        1.0 / 3628800.0,
                                        1.0 / 362880.0,
                                        1.0 / 40320.0,
                                        1.0 / 5040.0,
                                        1.0 / 720.0,
                                        1.0 / 120.0,
                                        1.0 / 24.0,
                                        1.0 / 6.0,
                                        0.5,
                                        1.0,
                                        1.0};

}  // namespace lingrok::gd_detail
