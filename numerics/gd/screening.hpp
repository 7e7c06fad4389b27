// Shortcut 1 of the fast GD path, screening (gd_engine.cpp's file comment;
// docs/numerics.md#gd-engine): points whose margin z_i lies above kSkipMargin + S are left out
// of the gradient until the margins may have moved by the slack S. Computed margins differ from
// exact ones by at most (d+2) u ||x̃_i||_1 ||θ||_∞, and between screenings
// |z_i(θ) - z_i(θ_s)| ≤ R̃ ||θ - θ_s|| (Cauchy–Schwarz); the engine re-screens before their sum
// reaches S.
#pragma once

#include <Eigen/Dense>
#include <vector>

#include "data/dataset.hpp"

namespace lingrok::gd_detail {

// Points with margin above kSkipMargin are left out: each has weight q_i ≤ e^{-z_i} < 1e-30, so
// all of them together change the gradient by at most N·R̃·e^{-69} (÷N for mean) per step,
// which the error bound adds (gd_engine.cpp's file comment).
constexpr double kSkipMargin = 69.0;
constexpr double kScreenSlack = 64.0;  // the least slack S
// S is at least this many times the margin movement of the last step, so that an oscillating
// run (period 2, η β ≫ 2: every margin swings by R̃||Δθ|| each step) re-screens rarely.
constexpr double kSlackPerStep = 8.0;
constexpr long long kRescreenPeriod = 4096;
constexpr double kUnit = 0x1p-53;

// The slack S of a screening: kScreenSlack, or kSlackPerStep times the last step's margin swing
// R̃ ||θ_t - θ_{t-1}|| if larger (`last_update` empty at t = 0).
double screening_slack(double r_tilde, const Eigen::VectorXd& last_update);

// The rows that stay active at θ = (w, b), ascending, into `active`: every row when screening is
// off (`shortcuts` false) or the rounding allowance is not below 1, else the rows whose computed
// margin is not above kSkipMargin + slack. Returns the rounding allowance
// 2 (d+2) u max_i ||x̃_i||_1 ||θ||_∞ (x_l1_max = max_i ||x̃_i||_1).
double screen_active(const Dataset& train, const Eigen::VectorXd& w, double b, double slack,
                     double x_l1_max, bool shortcuts, std::vector<long long>& active);

}  // namespace lingrok::gd_detail
