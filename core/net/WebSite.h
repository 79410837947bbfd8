#pragma once

#include "core/net/HttpRequest.h"

#include <QByteArray>
#include <QString>

namespace baton::net {

// The web viewer's static files, served at the host's door from Qt resources (docs/
// protocol.md §1): GET or HEAD of /s/<session> is the page (src/index.html), /assets/<path>
// is the file <path> under the root. Every response carries the same security headers and
// "Connection: close"; anything else is 404, other methods 405. Pure: a request in, the
// response's bytes out. The WebSocket route (/ws) is the door's, not the site's.
class WebSite {
public:
    struct Response {
        int status = 200;
        QByteArray bytes; // status line, headers and (unless HEAD) body
    };

    // root: the resource folder the web/ tree is built into.
    explicit WebSite(QString root = QStringLiteral(":/baton/web"));

    Response answer(const HttpRequest &request) const;
    // A plain-text response with status and sentence as its body (none for HEAD).
    static Response error(int status, const QString &sentence, bool head = false);

    static QByteArrayView reasonPhrase(int status);
    static QByteArrayView contentType(QByteArrayView path);

private:
    Response file(const QString &resourcePath, bool head) const;

    QString root_;
};

} // namespace baton::net
