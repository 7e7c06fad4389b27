// Checks on rendered images and on the CSVs written next to them.
#pragma once

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace lingrok::testing {

inline std::string file_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A PNG file: the 8-byte signature, an IHDR chunk with the expected size, more than a blank
// image's few hundred bytes.
inline void check_png(const std::filesystem::path& p, int width, int height) {
  BOOST_TEST_INFO("image " << p.string());
  BOOST_REQUIRE(std::filesystem::exists(p));
  const std::string b = file_bytes(p);
  BOOST_REQUIRE(b.size() > 24u);
  BOOST_TEST((b.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0));
  BOOST_TEST((b.compare(12, 4, "IHDR") == 0));
  auto be32 = [&](std::size_t o) {
    return (static_cast<unsigned char>(b[o]) << 24) | (static_cast<unsigned char>(b[o + 1]) << 16) |
           (static_cast<unsigned char>(b[o + 2]) << 8) | static_cast<unsigned char>(b[o + 3]);
  };
  BOOST_TEST(be32(16) == width);
  BOOST_TEST(be32(20) == height);
  BOOST_TEST(b.size() > 10000u);  // axes, text and curves, not an empty canvas
}

}  // namespace lingrok::testing
