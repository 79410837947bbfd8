#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QTemporaryDir>

// What the tests of the real executables share: a person's private environment and a
// line read from a child's output.
namespace baton::test {

// This environment with HOME, the XDG configuration, data, cache and runtime directories
// all inside dir, so that the child sees a first run and nobody else's running Baton.
QProcessEnvironment privateEnvironment(const QTemporaryDir &dir);

// Waits for a whole line on the process's standard output; empty when none came in time.
QString readLine(QProcess &process, int timeoutMs);

} // namespace baton::test
