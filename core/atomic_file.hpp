// Writing outputs without ever leaving a partial file: write to "<path>.tmp.<pid>", then
// rename(2) onto the final name (atomic within one file system). If the writer throws, the
// temporary is removed and the final path is untouched.
#pragma once

#include <filesystem>
#include <functional>
#include <ostream>
#include <string>

namespace lingrok {

// Calls write(stream) on a temporary file next to `path`, then renames it to `path`.
void write_file_atomically(const std::filesystem::path& path,
                           const std::function<void(std::ostream&)>& write);

// Convenience for a string payload.
void write_text_atomically(const std::filesystem::path& path, const std::string& text);

// Creates `dir` (and parents) or throws InputError naming it.
void ensure_directory(const std::filesystem::path& dir);

}  // namespace lingrok
