// Preparing a plan's run directory (run_directory.hpp).
#include "pipeline/run_directory.hpp"

#include "core/abandoned_files.hpp"
#include "core/atomic_file.hpp"
#include "results/run_layout.hpp"

namespace lingrok {

std::filesystem::path prepare_run_directory(const std::filesystem::path& dir,
                                            const nlohmann::json& config) {
  std::filesystem::create_directories(dir);
  remove_abandoned_temporaries(dir);  // of a plan killed by SIGKILL
  const RunLayout run(dir);
  write_text_atomically(run.config_json(), config.dump(2) + "\n");
  std::filesystem::remove(run.log_txt());
  return run.log_txt();
}

}  // namespace lingrok
