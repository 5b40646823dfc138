#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "core/progress.hpp"
#include "core/run_log.hpp"
#include "test_files.hpp"

namespace ridgeway {
namespace {

using testing::ScratchFolder;

std::string read_text(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

TEST(RunLog, RunningFileHoldsEveryLineAsSoonAsItIsAdded) {
    ScratchFolder folder;
    RunLog log("ridgeway test", Console::none);
    log.info("before");
    log.write_as_it_goes(folder.file("out.running.log"));
    log.detail("Level 0 block 1/2: chromosome 1");
    // Read while the log is still open, as `tail -f` or a killed run's reader would.
    const std::string so_far = read_text(folder.file("out.running.log"));
    EXPECT_NE(so_far.find("Command line: ridgeway test\n"), std::string::npos);
    EXPECT_NE(so_far.find("before\nLevel 0 block 1/2: chromosome 1\n"), std::string::npos);
}

TEST(RunLog, SaveRenamesTheRunningFileAndLeavesNoneBehind) {
    ScratchFolder folder;
    RunLog log("ridgeway test", Console::none);
    log.write_as_it_goes(folder.file("out.running.log"));
    log.warn("something odd");
    log.save(folder.file("out.log"));
    EXPECT_FALSE(std::filesystem::exists(folder.file("out.running.log")));
    EXPECT_NE(read_text(folder.file("out.log")).find("Warning: something odd\n"), std::string::npos);
}

TEST(RunLog, UnfinishedRunLeavesTheEarlierFinishedLogAlone) {
    ScratchFolder folder;
    folder.write("out.log", "the finished run's log\n");
    {
        RunLog log("ridgeway test", Console::none);
        log.write_as_it_goes(folder.file("out.running.log"));
        log.info("a run that never reaches save()");
    }
    EXPECT_EQ(read_text(folder.file("out.log")), "the finished run's log\n");
    EXPECT_NE(read_text(folder.file("out.running.log")).find("a run that never reaches save()\n"), std::string::npos);
}

TEST(RunLog, WithoutARunningFileSaveWritesTheLines) {
    ScratchFolder folder;
    RunLog log("ridgeway test", Console::none);
    log.info("kept in memory");
    log.save(folder.file("out.failed.log"));
    EXPECT_NE(read_text(folder.file("out.failed.log")).find("kept in memory\n"), std::string::npos);
}

TEST(Progress, ClockDurationsAreHoursMinutesSeconds) {
    EXPECT_EQ(clock_duration(0), "0:00:00");
    EXPECT_EQ(clock_duration(59.4), "0:00:59");
    EXPECT_EQ(clock_duration(61), "0:01:01");
    EXPECT_EQ(clock_duration(3 * 3600 + 25 * 60 + 7), "3:25:07");
    EXPECT_EQ(clock_duration(-5), "0:00:00");
}

}  // namespace
}  // namespace ridgeway
