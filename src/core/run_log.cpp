#include "core/run_log.hpp"

#include <cstdio>
#include <ctime>
#include <fstream>
#include <sys/resource.h>

#include <fmt/format.h>

#include "core/version.hpp"

namespace ridgeway {

namespace {

std::string timestamp() {
    std::time_t now = std::time(nullptr);
    char text[64];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", std::localtime(&now));
    return text;
}

}  // namespace

std::string version_line() {
    return fmt::format("ridgeway {} (built {} with g++ {}; {})", kVersion, kBuildDate, __VERSION__, kBuildFeatures);
}

RunLog::RunLog(std::string command_line, bool quiet) : quiet_(quiet), start_(std::chrono::steady_clock::now()) {
    info(version_line());
    info("Command line: " + command_line);
    info("Start time: " + timestamp());
}

void RunLog::info(const std::string& line) {
    lines_.push_back(line);
    if (!quiet_) std::fprintf(stdout, "%s\n", line.c_str()), std::fflush(stdout);
}

void RunLog::warn(const std::string& line) {
    ++warnings_;
    lines_.push_back("Warning: " + line);
    if (!quiet_) std::fprintf(stderr, "Warning: %s\n", line.c_str());
}

void RunLog::detail(const std::string& line) { lines_.push_back(line); }

RunTimes RunLog::times() const {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return {std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(),
            usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + 1e-6 * (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec)};
}

void RunLog::close_with_resources() {
    const RunTimes elapsed = times();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    info(fmt::format("End time: {}; warnings: {}", timestamp(), warnings_));
    info(fmt::format("Real time: {:.3f} s; CPU time: {:.3f} s; peak memory: {:.1f} MiB", elapsed.wall, elapsed.cpu,
                     usage.ru_maxrss / 1024.0));
}

void RunLog::save(const std::string& path) const {
    std::string temporary = path + ".tmp";
    {
        std::ofstream out(temporary);
        for (const auto& line : lines_) out << line << '\n';
        if (!out) {
            std::fprintf(stderr, "Warning: could not write the log %s\n", path.c_str());
            std::remove(temporary.c_str());
            return;
        }
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        std::fprintf(stderr, "Warning: could not write the log %s\n", path.c_str());
        std::remove(temporary.c_str());
    }
}

}  // namespace ridgeway
