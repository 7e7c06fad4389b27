// OutputSet (core/output_set.hpp): an uncommitted set leaves the target as it was; a committed
// one replaces the set's files as a whole, drops the earlier set's files that the new one does
// not write, keeps entries it does not own and the directory's permissions; the working
// directory as target is replaced file by file.
#define BOOST_TEST_MODULE core_output_set
#include <boost/test/unit_test.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/atomic_file.hpp"
#include "core/output_set.hpp"

using namespace lingrok;
namespace fs = std::filesystem;

namespace {

struct Dir {
  fs::path root = fs::temp_directory_path() / ("lingrok_output_set_" + std::to_string(::getpid()));
  fs::path target = root / "out";
  Dir() {
    fs::remove_all(root);
    fs::create_directories(target);
    write("a.csv", "old a\n");
    write("b.json", "old b\n");
    write("notes.txt", "mine\n");
    fs::create_directories(target / "sub");
  }
  ~Dir() {
    std::error_code ec;
    fs::current_path(fs::temp_directory_path(), ec);
    fs::remove_all(root, ec);
  }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(target / name) << text;
  }
  std::string read(const std::string& name) const {
    std::ifstream in(target / name);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  bool no_staging_left() const {
    for (const auto& e : fs::directory_iterator(root)) {
      if (e.path().filename().string().find(".partial-") != std::string::npos) return false;
    }
    return true;
  }
};

bool owned(const std::string& name) { return name == "a.csv" || name == "b.json"; }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(output_set, Dir)

BOOST_AUTO_TEST_CASE(an_uncommitted_set_leaves_the_target_untouched) {
  try {
    OutputSet set(target, owned);
    write_text_atomically(set.path("a.csv"), "new a\n");
    throw std::runtime_error("the writer failed before b.json");
  } catch (const std::runtime_error&) {
  }
  BOOST_TEST(read("a.csv") == "old a\n");
  BOOST_TEST(read("b.json") == "old b\n");
  BOOST_TEST(no_staging_left());
}

BOOST_AUTO_TEST_CASE(a_commit_replaces_the_set_and_drops_its_stale_files) {
  fs::permissions(target, fs::perms::owner_all);  // 0700
  {
    OutputSet set(target, owned);
    write_text_atomically(set.path("a.csv"), "new a\n");
    set.commit();
  }
  BOOST_TEST(read("a.csv") == "new a\n");
  BOOST_TEST(!fs::exists(target / "b.json"));  // the earlier run's, not written this time
  BOOST_TEST(read("notes.txt") == "mine\n");
  BOOST_TEST(fs::is_directory(target / "sub"));
  BOOST_TEST((fs::status(target).permissions() == fs::perms::owner_all));
  BOOST_TEST(no_staging_left());
}

BOOST_AUTO_TEST_CASE(a_new_target_is_created_by_the_commit) {
  const fs::path fresh = root / "fresh";
  OutputSet set(fresh, owned);
  BOOST_TEST(!fs::exists(fresh));
  write_text_atomically(set.path("b.json"), "b\n");
  set.commit();
  BOOST_TEST(fs::exists(fresh / "b.json"));
  BOOST_TEST(no_staging_left());
}

BOOST_AUTO_TEST_CASE(the_working_directory_is_replaced_file_by_file) {
  fs::current_path(target);
  {
    OutputSet set(".", owned);
    write_text_atomically(set.path("a.csv"), "new a\n");
    set.commit();
  }
  BOOST_TEST(fs::equivalent(fs::current_path(), target));  // still there, not swapped away
  BOOST_TEST(read("a.csv") == "new a\n");
  BOOST_TEST(!fs::exists(target / "b.json"));
  BOOST_TEST(read("notes.txt") == "mine\n");
}

// The pid of a process that has ended (forked, exited, reaped).
static pid_t a_gone_pid() {
  const pid_t pid = ::fork();
  if (pid == 0) ::_exit(0);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return pid;
}

BOOST_AUTO_TEST_CASE(what_a_killed_process_left_is_removed_by_the_next_set) {
  const pid_t gone = a_gone_pid();
  const fs::path staging = root / (".out.partial-" + std::to_string(gone));
  fs::create_directories(staging);
  write("a.csv.tmp." + std::to_string(gone), "half\n");
  const fs::path live = root / (".out.partial-" + std::to_string(::getppid()));
  fs::create_directories(live);  // a running process's: kept
  {
    OutputSet set(target, owned);
    BOOST_TEST(!fs::exists(staging));
    BOOST_TEST(!fs::exists(target / ("a.csv.tmp." + std::to_string(gone))));
    BOOST_TEST(fs::exists(live));
  }
  fs::remove_all(live);
}

BOOST_AUTO_TEST_CASE(an_owned_directory_is_replaced_and_foreign_files_are_linked_not_moved) {
  fs::create_directories(target / "runs" / "old_point");
  const auto owns_runs = [](const std::string& name) { return name == "runs" || owned(name); };
  const auto before = fs::status(target / "notes.txt");
  OutputSet set(target, owns_runs);
  fs::create_directories(set.path("runs") / "new_point");
  write_text_atomically(set.path("a.csv"), "new a\n");
  set.commit();
  BOOST_TEST(fs::exists(target / "runs" / "new_point"));
  BOOST_TEST(!fs::exists(target / "runs" / "old_point"));
  BOOST_TEST(read("notes.txt") == "mine\n");
  BOOST_TEST(fs::hard_link_count(target / "notes.txt") == 1u);  // the earlier link is gone
  BOOST_TEST((fs::status(target / "notes.txt").permissions() == before.permissions()));
  BOOST_TEST(fs::is_directory(target / "sub"));
  BOOST_TEST(no_staging_left());
}

BOOST_AUTO_TEST_CASE(a_link_to_a_directory_keeps_pointing_at_it) {
  const fs::path link = root / "link";
  fs::create_directory_symlink(target, link);
  {
    OutputSet set(link, owned);
    write_text_atomically(set.path("a.csv"), "new a\n");
    set.commit();
  }
  BOOST_TEST(fs::is_symlink(link));
  BOOST_TEST(read("a.csv") == "new a\n");
  BOOST_TEST(!fs::exists(target / "b.json"));
}

BOOST_AUTO_TEST_SUITE_END()
