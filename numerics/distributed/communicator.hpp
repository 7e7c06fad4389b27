// The one collective operation distributed GD needs (docs/numerics.md#distributed-gd): an
// element-wise sum of 64-bit integers over all ranks, which every rank receives. Integer addition
// is associative, so the result does not depend on the reduction tree MPI picks.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>

namespace lingrok {

class Communicator {
 public:
  virtual ~Communicator() = default;
  virtual int rank() const = 0;
  virtual int size() const = 0;
  // words[k] <- Σ over ranks of words[k], on every rank.
  virtual void sum(std::span<std::int64_t> words) = 0;
  // "MPI (P ranks)" or "single process", for logs.
  virtual std::string describe() const = 0;
};

// One process, no communication: rank 0 of 1.
class SingleProcess final : public Communicator {
 public:
  int rank() const override { return 0; }
  int size() const override { return 1; }
  void sum(std::span<std::int64_t>) override {}
  std::string describe() const override { return "single process"; }
};

// MPI_COMM_WORLD when lingrok was built with MPI (LINGROK_MPI) and the process runs under mpirun
// (or as a singleton); initializes MPI on first use and finalizes it at exit. Without MPI in the
// build: a SingleProcess.
std::unique_ptr<Communicator> make_world_communicator();

// Whether this build has MPI; if not, how to enable it.
bool mpi_available();
std::string mpi_build_hint();

}  // namespace lingrok
