#include "core/net/HttpRequest.h"

namespace baton::net {

namespace {

constexpr QByteArrayView kCrlf("\r\n");
constexpr QByteArrayView kBlankLine("\r\n\r\n");

bool isTokenChar(char c)
{
    // RFC 9110 §5.6.2 tchar.
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isFieldValueChar(char c)
{
    // VCHAR, SP, HTAB and obs-text: everything but the other control characters.
    const auto byte = uint8_t(c);
    return byte == '\t' || (byte >= 0x20 && byte != 0x7F);
}

bool isOws(char c)
{
    return c == ' ' || c == '\t';
}

HttpRequest::Error error(int status, const char *detail)
{
    return {status, QString::fromLatin1(detail)};
}

std::variant<HttpRequest, HttpRequest::Error> parseRequestLine(QByteArrayView line)
{
    const qsizetype firstSpace = line.indexOf(' ');
    if (firstSpace <= 0)
        return error(400, "no method in the request line");
    const QByteArrayView method = line.first(firstSpace);
    if (method.size() > HttpRequest::kMaxMethodBytes)
        return error(400, "the method is too long");
    for (char c : method)
        if (c < 'A' || c > 'Z')
            return error(400, "the method is not upper-case letters");
    const QByteArrayView rest = line.sliced(firstSpace + 1);
    const qsizetype secondSpace = rest.indexOf(' ');
    if (secondSpace < 0)
        return error(400, "no HTTP version in the request line");
    const QByteArrayView target = rest.first(secondSpace);
    const QByteArrayView version = rest.sliced(secondSpace + 1);
    if (target.size() > HttpRequest::kMaxTargetBytes)
        return error(414, "the target is too long");
    if (target.isEmpty() || target.front() != '/')
        return error(400, "the target is not an absolute path");
    for (char c : target)
        if (uint8_t(c) <= 0x20 || uint8_t(c) >= 0x7F)
            return error(400, "the target has a character that is not visible ASCII");
    // HTTP-version = "HTTP/" DIGIT "." DIGIT
    if (version.size() != 8 || !version.startsWith("HTTP/") || version[6] != '.' ||
        version[5] < '0' || version[5] > '9' || version[7] < '0' || version[7] > '9')
        return error(400, "the HTTP version is malformed");
    if (version[5] != '1')
        return error(505, "only HTTP/1.x is spoken here");
    HttpRequest request;
    request.method = method.toByteArray();
    request.target = target.toByteArray();
    request.minorVersion = version[7] - '0';
    return request;
}

std::optional<HttpRequest::Error> parseField(QByteArrayView line, HttpRequest &request)
{
    if (isOws(line.front()))
        return error(400, "a folded header line");
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0)
        return error(400, "a header line without a name and colon");
    const QByteArrayView name = line.first(colon);
    for (char c : name)
        if (!isTokenChar(c))
            return error(400, "a header name with a character outside the token set");
    QByteArrayView value = line.sliced(colon + 1);
    for (char c : value)
        if (!isFieldValueChar(c))
            return error(400, "a header value with a control character");
    while (!value.isEmpty() && isOws(value.front()))
        value = value.sliced(1);
    while (!value.isEmpty() && isOws(value.back()))
        value.chop(1);
    if (int(request.headers.size()) == HttpRequest::kMaxHeaders)
        return error(431, "too many header fields");
    request.headers.emplace_back(name.toByteArray(), value.toByteArray());
    return std::nullopt;
}

} // namespace

std::optional<QByteArray> HttpRequest::header(QByteArrayView name) const
{
    for (const auto &[fieldName, value] : headers)
        if (fieldName.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return std::nullopt;
}

QByteArrayView HttpRequest::path() const
{
    const qsizetype query = target.indexOf('?');
    return QByteArrayView(target).first(query < 0 ? target.size() : query);
}

std::optional<qsizetype> HttpRequest::headLength(QByteArrayView bytes)
{
    const qsizetype end = bytes.indexOf(kBlankLine);
    if (end < 0)
        return std::nullopt;
    return end + kBlankLine.size();
}

std::variant<HttpRequest, HttpRequest::Error> HttpRequest::parse(QByteArrayView head)
{
    if (head.size() > kMaxHeadBytes)
        return error(431, "the request head is larger than 8 KiB");
    if (!head.endsWith(kBlankLine))
        return error(400, "the request head does not end with a blank line");
    // Without the final CRLF every line, the blank one included, ends with one CRLF.
    QByteArrayView rest = head.first(head.size() - kCrlf.size());
    std::optional<HttpRequest> request;
    while (true) {
        const qsizetype end = rest.indexOf(kCrlf);
        const QByteArrayView line = rest.first(end);
        rest = rest.sliced(end + kCrlf.size());
        // A bare CR or LF is a line end to some parsers and not to others: refused, so that
        // nothing in front of the host can read this request differently.
        if (line.contains('\r') || line.contains('\n'))
            return error(400, "a bare CR or LF in the request head");
        if (!request) {
            auto parsed = parseRequestLine(line);
            if (auto *failure = std::get_if<Error>(&parsed))
                return *failure;
            request = std::move(std::get<HttpRequest>(parsed));
        } else if (line.isEmpty()) {
            return error(400, "a blank line inside the request head");
        } else if (auto failure = parseField(line, *request)) {
            return *failure;
        }
        if (rest.isEmpty())
            break;
    }
    if (!request)
        return error(400, "no request line");
    qsizetype hosts = 0;
    for (const auto &field : request->headers)
        hosts += field.first.compare("Host", Qt::CaseInsensitive) == 0 ? 1 : 0;
    if (hosts > 1 || (hosts == 0 && request->minorVersion >= 1))
        return error(400, "an HTTP/1.1 request needs exactly one Host field");
    return std::move(*request);
}

} // namespace baton::net
