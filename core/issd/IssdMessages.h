#pragma once

#include "core/issd/IssdArguments.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace baton::issd {

// A command line from client to agent: VERB *(SP arg) CRLF. Verbs are
// case-insensitive on the wire and kept in canonical upper case here.
struct Command {
    QString verb;
    Arguments args;

    static std::optional<Command> parse(QByteArrayView line, ParseError *error);
    QByteArray toLine() const; // with CRLF
    friend bool operator==(const Command &, const Command &) = default;
};

// One reply line: `code-data` (more lines follow) or `code SP word [SP text]` (the
// last line of a reply). Data and text are free text; data lines usually hold
// key=value arguments, parsed with Arguments::parse when needed.
struct ReplyLine {
    int code = 0;
    bool isFinal = true;
    QString word; // "OK" or "E_…"; final lines only
    QString text; // the data of a continuation line, or the text after the word

    static std::optional<ReplyLine> parse(QByteArrayView line, ParseError *error);
    QByteArray toLine() const;
    bool isSuccess() const { return code >= 200 && code < 400; }
    friend bool operator==(const ReplyLine &, const ReplyLine &) = default;
};

// An asynchronous event line: `* EVENT seq type *(SP key=value)`.
struct Event {
    quint64 seq = 0;
    QString type;
    Arguments args;

    static std::optional<Event> parse(QByteArrayView line, ParseError *error);
    QByteArray toLine() const;
    friend bool operator==(const Event &, const Event &) = default;
};

// True for lines the agent writes asynchronously (events start with '*').
inline bool isEventLine(QByteArrayView line)
{
    return line.startsWith('*');
}

// Strips one trailing CRLF or LF.
QByteArrayView withoutLineEnd(QByteArrayView line);

} // namespace baton::issd
