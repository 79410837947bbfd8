#pragma once

#include <QtGlobal>

#include <optional>

namespace baton::cli {

// What /proc/PID/stat says of a process's CPU, in seconds (Linux).
struct ProcessCpu {
    qint64 group = 0; // its process group
    double ownSeconds = 0; // user + system
    double reapedChildrenSeconds = 0; // of the children it has waited for
};

// Nothing when the process is gone or /proc cannot be read.
std::optional<ProcessCpu> readProcessCpu(qint64 pid);

} // namespace baton::cli
