// A run directory made ready for a plan's stages (reproduce, sweep): created, with what a killed
// earlier plan left behind removed (core/abandoned_files.hpp), the run's configuration written
// to config.json (atomically) and log.txt emptied, so that the log holds this run only.
#pragma once

#include <filesystem>

#include <nlohmann/json.hpp>

namespace lingrok {

// Returns the path of the run's log (DIR/log.txt, results/run_layout.hpp).
std::filesystem::path prepare_run_directory(const std::filesystem::path& dir,
                                            const nlohmann::json& config);

}  // namespace lingrok
