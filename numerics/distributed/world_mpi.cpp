// make_world_communicator() over MPI_COMM_WORLD (communicator.hpp), for builds with LINGROK_MPI.
#include <mpi.h>

#include <cstdlib>
#include <stdexcept>

#include "numerics/distributed/communicator.hpp"

namespace lingrok {

namespace {

class MpiWorld final : public Communicator {
 public:
  MpiWorld() {
    int initialized = 0;
    MPI_Initialized(&initialized);
    if (initialized == 0) {
      MPI_Init(nullptr, nullptr);
      // Finalize at normal exit, after every communicator is gone.
      std::atexit([] {
        int finalized = 0;
        MPI_Finalized(&finalized);
        if (finalized == 0) MPI_Finalize();
      });
    }
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
  }
  int rank() const override { return rank_; }
  int size() const override { return size_; }
  void sum(std::span<std::int64_t> words) override {
    if (size_ == 1) return;
    if (MPI_Allreduce(MPI_IN_PLACE, words.data(), static_cast<int>(words.size()), MPI_INT64_T,
                      MPI_SUM, MPI_COMM_WORLD) != MPI_SUCCESS) {
      throw std::runtime_error("MPI_Allreduce failed");
    }
  }
  std::string describe() const override { return "MPI (" + std::to_string(size_) + " ranks)"; }

 private:
  int rank_ = 0;
  int size_ = 1;
};

}  // namespace

std::unique_ptr<Communicator> make_world_communicator() { return std::make_unique<MpiWorld>(); }

bool mpi_available() { return true; }

std::string mpi_build_hint() { return "built with MPI"; }

}  // namespace lingrok
