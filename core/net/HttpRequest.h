#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>
#include <utility>
#include <variant>
#include <vector>

namespace baton::net {

// One HTTP/1.x request head, as a browser sends it to the host's door (RFC 9112): the
// request line and the header fields, strictly — CRLF line ends only, no folded lines, no
// space before a colon, origin-form targets only. Pure: bytes in, a request or an error
// status out. The body, if any, is never read (the door answers GET and HEAD only).
struct HttpRequest {
    // Bounds that keep what an unauthenticated client makes the host hold small.
    static constexpr qsizetype kMaxHeadBytes = 8 * 1024;
    static constexpr int kMaxHeaders = 64;
    static constexpr qsizetype kMaxTargetBytes = 2 * 1024;
    static constexpr qsizetype kMaxMethodBytes = 16;

    struct Error {
        int status = 400; // 400, 414, 431 or 505
        QString detail;
    };

    QByteArray method; // upper-case letters: "GET", "HEAD", …
    QByteArray target; // origin-form: starts with '/', visible ASCII only
    int minorVersion = 1; // HTTP/1.minorVersion
    std::vector<std::pair<QByteArray, QByteArray>> headers; // names as sent, values trimmed

    // The value of the first field named name (ASCII case-insensitive).
    std::optional<QByteArray> header(QByteArrayView name) const;
    // The target without its query.
    QByteArrayView path() const;

    // The length of the head at the start of bytes, up to and including its blank line;
    // nullopt while that line has not arrived.
    static std::optional<qsizetype> headLength(QByteArrayView bytes);
    // Parses exactly one head (headLength() bytes). An HTTP/1.1 request must carry
    // exactly one Host field.
    static std::variant<HttpRequest, Error> parse(QByteArrayView head);
};

} // namespace baton::net
