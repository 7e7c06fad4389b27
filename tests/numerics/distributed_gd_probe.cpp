// Runs distributed GD (numerics/distributed/exact_sum_gd.hpp) on MPI_COMM_WORLD and prints, from
// rank 0, t, w and b as bit patterns every 50 steps: tests/numerics/mpi_same_bits.sh runs it under
// mpirun with 1 to 4 ranks and compares the outputs byte for byte.
#include <bit>
#include <cstdio>
#include <random>

#include "numerics/distributed/exact_sum_gd.hpp"

int main() {
  using namespace lingrok;
  // d = 64, N = 2000 (8 blocks): points labelled by the first coordinate's sign, kept 0.05 away.
  const int n = 2000;
  const int d = 64;
  std::mt19937_64 gen(64);
  std::normal_distribution<double> normal;
  Dataset data;
  data.X.resize(n, d);
  data.y.resize(n);
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < d; ++j) data.X(i, j) = normal(gen);
    data.y(i) = data.X(i, 0) >= 0 ? 1.0 : -1.0;
    data.X(i, 0) += 0.05 * data.y(i);
  }
  auto comm = make_world_communicator();
  GdOptions options;
  options.eta = 1e-3;
  ExactSumGd gd(data, rank_rows(n, comm->size(), comm->rank()), options, *comm);
  for (long long t = 50; t <= 300; t += 50) {
    gd.run_to(t);
    if (comm->rank() != 0) continue;
    std::printf("%lld %016llx", gd.t(),
                static_cast<unsigned long long>(std::bit_cast<std::uint64_t>(gd.b())));
    for (int j = 0; j < d; ++j) {
      std::printf(" %016llx",
                  static_cast<unsigned long long>(std::bit_cast<std::uint64_t>(gd.w()(j))));
    }
    std::printf("\n");
  }
  return 0;
}
