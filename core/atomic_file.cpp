// Writing a file atomically (atomic_file.hpp): write "<path>.tmp.<pid>", then rename(2) it onto the
// final name.
#include "core/atomic_file.hpp"

#include <unistd.h>

#include <fstream>
#include <system_error>

#include "core/error.hpp"

namespace lingrok {

void write_file_atomically(const std::filesystem::path& path,
                           const std::function<void(std::ostream&)>& write) {
  const std::filesystem::path tmp = path.string() + ".tmp." + std::to_string(::getpid());
  try {
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      if (!out) {
        throw InputError("cannot write " + path.string() +
                         ": the directory is missing or not writable; choose another --out");
      }
      write(out);
      out.flush();
      if (!out) {
        throw InputError("writing " + path.string() + " failed (disk full?); free space or choose another --out");
      }
    }
    std::filesystem::rename(tmp, path);
  } catch (...) {
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    throw;
  }
}

void write_text_atomically(const std::filesystem::path& path, const std::string& text) {
  write_file_atomically(path, [&](std::ostream& out) { out << text; });
}

void ensure_directory(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir)) {
    throw InputError("cannot create output directory " + dir.string() + " (" + ec.message() +
                     "); choose a writable --out");
  }
}

}  // namespace lingrok
