#pragma once

#include "core/common/InviteLink.h"

#include <QString>

#include <optional>

namespace baton::cli {

// The invite link a command was given: the argument itself, or for "-" the first line of
// standard input, so that a program starting baton-cli need not put the passcode on a
// command line every local user can read (ps). The line is read up to a bound.
std::optional<InviteLink> linkArgument(const QString &argument, QString *error);

} // namespace baton::cli
