#pragma once

#include <QString>

namespace baton::sharedapp {

// Writes line and a newline to stdout and flushes at once: a test waits for each line as
// the effect it stands for, so none may sit in a buffer.
void say(const QString &line);

} // namespace baton::sharedapp
