#include "support/run.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstring>
#include <stdexcept>

namespace residence::testing {

namespace {

std::string read_back(const fs::path& path)
{
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> environment(const TempDir& tmp, const std::map<std::string, std::string>& extra)
{
  std::map<std::string, std::string> env{
      {"PATH", "/usr/local/bin:/usr/bin:/bin"},
      {"HOME", (tmp.path() / ".home").string()},
      {"LANG", "C.UTF-8"},
      {"TZ", "UTC"},
      {"GIT_CONFIG_NOSYSTEM", "1"},
  };
  for (const auto& [key, value] : extra) {
    env[key] = value;
  }
  std::vector<std::string> out;
  for (const auto& [key, value] : env) {
    out.push_back(key + "=" + value);
  }
  return out;
}

std::vector<char*> c_strings(std::vector<std::string>& strings)
{
  std::vector<char*> out;
  for (auto& s : strings) {
    out.push_back(s.data());
  }
  out.push_back(nullptr);
  return out;
}

} // namespace

RunResult run_program(const TempDir& tmp, const std::string& program, const std::vector<std::string>& args,
                      const RunOptions& options)
{
  // Each run gets its own files, so that tests may run commands side by side.
  static std::atomic<int> counter{0};
  const std::string run_dir = ".run/" + std::to_string(counter++);
  fs::create_directories(tmp.path() / ".home");
  fs::create_directories(tmp.path() / run_dir);
  const fs::path out_file = tmp.path() / run_dir / "stdout";
  const fs::path err_file = tmp.path() / run_dir / "stderr";
  const fs::path in_file = tmp.path() / run_dir / "stdin";
  tmp.write(run_dir + "/stdin", options.stdin_text);
  const fs::path cwd = options.cwd.empty() ? tmp.path() : options.cwd;

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, options.stdin_text.empty() ? "/dev/null" : in_file.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addchdir_np(&actions, cwd.c_str());

  std::vector<std::string> argv_strings{program};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<std::string> env_strings = environment(tmp, options.env);
  std::vector<char*> argv = c_strings(argv_strings);
  std::vector<char*> envp = c_strings(env_strings);

  pid_t pid = 0;
  const int rc = posix_spawnp(&pid, program.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    throw std::runtime_error("cannot start " + program + ": " + std::strerror(rc));
  }
  int status = 0;
  waitpid(pid, &status, 0);

  RunResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = read_back(out_file);
  result.err = read_back(err_file);
  return result;
}

RunResult run(const TempDir& tmp, const std::vector<std::string>& args, const RunOptions& options)
{
  return run_program(tmp, RESIDENCE_BINARY, args, options);
}

RunResult git(const TempDir& tmp, const fs::path& repo, const std::vector<std::string>& args)
{
  std::vector<std::string> all{"-C", repo.string()};
  all.insert(all.end(), args.begin(), args.end());
  return run_program(tmp, "git", all);
}

} // namespace residence::testing
