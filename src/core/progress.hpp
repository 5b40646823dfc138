#pragma once
// "label [i/N]" progress on a terminal (stderr), redrawn at most a few times a second; silent when stderr is not a
// terminal so logs and CI output stay clean.
#include <chrono>
#include <cstddef>
#include <string>

namespace ridgeway {

class Progress {
public:
    Progress(std::string label, std::size_t total);
    ~Progress();
    void update(std::size_t done);

private:
    std::string label_;
    std::size_t total_;
    bool enabled_;
    std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace ridgeway
