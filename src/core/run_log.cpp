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

RunLog::RunLog(std::string command_line, Console console)
    : console_(console), start_(std::chrono::steady_clock::now()) {
    info(version_line());
    info("Command line: " + command_line);
    info("Start time: " + timestamp());
}

RunLog::~RunLog() {
    if (running_ != nullptr) std::fclose(running_);  // a run ended without save(): its running file stays as it is
}

void RunLog::write_as_it_goes(const std::string& running_path) {
    running_ = std::fopen(running_path.c_str(), "w");
    if (running_ == nullptr) {
        std::fprintf(stderr, "Warning: could not create the log %s; the log is written when the run ends\n",
                     running_path.c_str());
        return;
    }
    running_path_ = running_path;
    for (const auto& line : lines_) std::fprintf(running_, "%s\n", line.c_str());
    running_failed_ = std::fflush(running_) != 0;
}

void RunLog::add(std::string line) {
    if (running_ != nullptr && !running_failed_) {
        std::fprintf(running_, "%s\n", line.c_str());
        running_failed_ = std::fflush(running_) != 0;
    }
    lines_.push_back(std::move(line));
}

void RunLog::info(const std::string& line) {
    add(line);
    if (console_ == Console::all) std::fprintf(stdout, "%s\n", line.c_str()), std::fflush(stdout);
}

void RunLog::warn(const std::string& line) {
    ++warnings_;
    add("Warning: " + line);
    if (console_ != Console::none) std::fprintf(stderr, "Warning: %s\n", line.c_str());
}

void RunLog::detail(const std::string& line) { add(line); }

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

void RunLog::save(const std::string& path) {
    if (running_ != nullptr) {
        running_failed_ |= std::fclose(running_) != 0;
        running_ = nullptr;
        if (!running_failed_ && std::rename(running_path_.c_str(), path.c_str()) == 0) return;
    }
    const std::string temporary = path + ".tmp";
    bool written = false;
    {
        std::ofstream out(temporary);
        for (const auto& line : lines_) out << line << '\n';
        written = static_cast<bool>(out);
    }
    if (written && std::rename(temporary.c_str(), path.c_str()) == 0) {
        if (!running_path_.empty()) std::remove(running_path_.c_str());
        return;
    }
    std::fprintf(stderr, "Warning: could not write the log %s\n", path.c_str());
    std::remove(temporary.c_str());
}

}  // namespace ridgeway
