// The cluster planting of cluster_planting.hpp (docs/data.md#planting): planted support vectors
// moved along their margin hyperplane towards its centre.
#include "data/sampling/cluster_planting.hpp"

#include "core/error.hpp"

namespace lingrok {

void cluster_planted_points(Dataset& train, double c, double lambda) {
  if (!(lambda > 0 && lambda <= 1)) {
    throw InputError("cluster planting: lambda must be in (0, 1]; 1 leaves the points in place");
  }
  if (train.planted.size() != static_cast<std::size_t>(train.size())) {
    throw InputError(
        "cluster planting: the training set has no planted-row marks; generate it "
        "with plant = margin");
  }
  const double centre = c / train.dim();
  for (Eigen::Index i = 0; i < train.size(); ++i) {
    if (!train.planted[static_cast<std::size_t>(i)]) continue;
    const double m = train.y(i) * centre;
    for (Eigen::Index j = 0; j < train.X.cols(); ++j) {
      train.X(i, j) = m + lambda * (train.X(i, j) - m);
    }
  }
}

}  // namespace lingrok
