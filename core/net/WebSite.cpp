#include "core/net/WebSite.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace baton::net {

namespace {

// No inline script or style, nothing from elsewhere, no framing: the page runs only
// what the host's own binary carries.
constexpr QByteArrayView kSecurityHeaders =
    "Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; "
    "style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "Referrer-Policy: no-referrer\r\n"
    "Cross-Origin-Opener-Policy: same-origin\r\n"
    "Cache-Control: no-cache\r\n"
    "Connection: close\r\n";

WebSite::Response response(int status, QByteArrayView type, const QByteArray &body, bool head,
                           QByteArrayView extraHeaders = {})
{
    QByteArray bytes = "HTTP/1.1 " + QByteArray::number(status) + ' ' +
        WebSite::reasonPhrase(status).toByteArray() + "\r\n";
    bytes += kSecurityHeaders.toByteArray();
    bytes += extraHeaders.toByteArray();
    bytes += "Content-Type: " + type.toByteArray() + "\r\n";
    bytes += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    if (!head)
        bytes += body;
    return {status, bytes};
}

bool isSessionId(QByteArrayView id)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    return pattern.match(QString::fromLatin1(id)).hasMatch();
}

// A path under the root: no leading '/', no "." or ".." segment, nothing but
// [A-Za-z0-9._/-].
bool isAssetPath(QByteArrayView path)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$"));
    if (!pattern.match(QString::fromLatin1(path)).hasMatch())
        return false;
    for (const QByteArray &segment : path.toByteArray().split('/'))
        if (segment == "." || segment == "..")
            return false;
    return true;
}

} // namespace

WebSite::WebSite(QString root) : root_(std::move(root))
{
}

QByteArrayView WebSite::reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 414:
        return "URI Too Long";
    case 431:
        return "Request Header Fields Too Large";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Error";
    }
}

QByteArrayView WebSite::contentType(QByteArrayView path)
{
    const qsizetype dot = path.lastIndexOf('.');
    const QByteArrayView extension = dot < 0 ? QByteArrayView() : path.sliced(dot + 1);
    if (extension == "js" || extension == "mjs")
        return "text/javascript; charset=utf-8";
    if (extension == "css")
        return "text/css; charset=utf-8";
    if (extension == "html")
        return "text/html; charset=utf-8";
    if (extension == "svg")
        return "image/svg+xml";
    if (extension == "wasm")
        return "application/wasm";
    if (extension == "png")
        return "image/png";
    if (extension == "ico")
        return "image/x-icon";
    if (extension == "json")
        return "application/json";
    return "application/octet-stream";
}

WebSite::Response WebSite::error(int status, const QString &sentence, bool head)
{
    const QByteArrayView allow = status == 405 ? QByteArrayView("Allow: GET, HEAD\r\n") : "";
    return response(status, "text/plain; charset=utf-8", sentence.toUtf8() + '\n', head, allow);
}

WebSite::Response WebSite::answer(const HttpRequest &request) const
{
    const bool head = request.method == "HEAD";
    if (request.method != "GET" && !head)
        return error(405, QStringLiteral("Only GET and HEAD are answered here."));
    const QByteArrayView path = request.path();
    if (path.startsWith("/s/") && isSessionId(path.sliced(3))) {
        const QString page = root_ + QStringLiteral("/src/index.html");
        if (!QFile::exists(page))
            return error(503,
                         QStringLiteral("This host was built without the web viewer; join with "
                                        "the Baton program and the baton:// link instead."),
                         head);
        return file(page, head);
    }
    if (path.startsWith("/assets/") && isAssetPath(path.sliced(8)))
        return file(root_ + QLatin1Char('/') + QString::fromLatin1(path.sliced(8)), head);
    return error(404, QStringLiteral("Nothing here."), head);
}

WebSite::Response WebSite::file(const QString &resourcePath, bool head) const
{
    QFile file(resourcePath);
    // A folder opens too, and reads as nothing: not a file to serve.
    if (QFileInfo(resourcePath).isDir() || !file.open(QIODevice::ReadOnly))
        return error(404, QStringLiteral("Nothing here."), head);
    return response(200, contentType(resourcePath.toLatin1()), file.readAll(), head);
}

} // namespace baton::net
