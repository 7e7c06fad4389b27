// Times the paper's samplers at d = 1024 (docs/data.md): the N = 10^6 training set (target:
// under a minute on a 2-core machine) and a concentrated test set. Prints the figures.
//   build/bench/sampling_bench [n_train] [n_conc_per_class]
#include <chrono>
#include <cstdlib>
#include <iostream>

#include "data/sampling/paper_samplers.hpp"

int main(int argc, char** argv) {
  lingrok::DataConfig c;
  c.d = 1024;
  const long long n_train = argc > 1 ? std::atoll(argv[1]) : 1000000;
  c.n_plus = n_train / 2;
  c.n_minus = n_train - c.n_plus;
  c.k_plus = 350;
  c.k_minus = 50;
  c.n_test_standard = 0;
  c.n_test_conc = argc > 2 ? std::atoll(argv[2]) : 10000;
  lingrok::validate(c);

  using clock = std::chrono::steady_clock;
  auto t0 = clock::now();
  const lingrok::Dataset train = lingrok::sample_train(c);
  const double train_s = std::chrono::duration<double>(clock::now() - t0).count();
  std::cout << "train     d = 1024, N = " << train.size() << ": " << train_s << " s ("
            << train_s / static_cast<double>(train.size()) * 1e6 << " us/point)\n";

  t0 = clock::now();
  const lingrok::Dataset conc = lingrok::sample_concentrated_test(c);
  const double conc_s = std::chrono::duration<double>(clock::now() - t0).count();
  std::cout << "test_conc d = 1024, N = " << conc.size() << ": " << conc_s << " s ("
            << conc_s / static_cast<double>(conc.size()) * 1e6
            << " us/point; 10^6 points would take "
            << conc_s / static_cast<double>(conc.size()) * 1e6 << " s)\n";
  return 0;
}
