// make_world_communicator() for builds without MPI (communicator.hpp).
#include "numerics/distributed/communicator.hpp"

namespace lingrok {

std::unique_ptr<Communicator> make_world_communicator() {
  return std::make_unique<SingleProcess>();
}

bool mpi_available() { return false; }

std::string mpi_build_hint() {
  return "this lingrok was built without MPI: install libopenmpi-dev and openmpi-bin "
         "(scripts/install-deps.sh does) and reconfigure with -DLINGROK_MPI=ON";
}

}  // namespace lingrok
