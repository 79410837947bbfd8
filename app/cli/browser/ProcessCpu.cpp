#include "ProcessCpu.h"

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>

#include <unistd.h>

namespace baton::cli {

std::optional<ProcessCpu> readProcessCpu(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (pid <= 0 || !stat.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray text = stat.readAll();
    // The fields after the command name (which may hold spaces and parentheses): state,
    // ppid, pgrp, ... utime, stime, cutime and cstime are the 12th to 15th of them.
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 15)
        return std::nullopt;
    const double ticksPerSecond = double(::sysconf(_SC_CLK_TCK));
    return ProcessCpu{fields[2].toLongLong(),
                      double(fields[11].toLongLong() + fields[12].toLongLong()) / ticksPerSecond,
                      double(fields[13].toLongLong() + fields[14].toLongLong()) / ticksPerSecond};
}

} // namespace baton::cli
