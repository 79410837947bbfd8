#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace baton::issd {

// Reply codes of ISSD v1 (docs/issd.md, "Reply codes").
enum ReplyCode : int {
    kGreeting = 220,
    kClosing = 221,
    kAccepted = 202,
    kAuthenticated = 235,
    kDone = 250,
    kAuthChallenge = 334,
    kErrClosing = 421,
    kErrBusy = 450,
    kErrLocal = 451,
    kErrRate = 452,
    kErrUnavailable = 453,
    kErrSyntax = 500,
    kErrParam = 501,
    kErrUnknown = 502,
    kErrSequence = 503,
    kErrUnsupported = 504,
    kErrVersion = 505,
    kErrAuthRequired = 530,
    kErrAuth = 535,
    kErrTlsRequired = 538,
    kErrNoDisplay = 550,
    kErrDenied = 551,
    kErrFailed = 554,
    kErrShare = 560,
};

// The word that goes with a code: OK for 2xx/3xx, E_… for errors.
QString replyWord(int code);

// A whole reply: data lines (`code-data`) then the final `code WORD text` line.
struct Reply {
    int code = kDone;
    QString text;
    QStringList data;

    static Reply ok(QString text = {}, QStringList data = {})
    {
        return {kDone, std::move(text), std::move(data)};
    }
    static Reply error(int code, QString text) { return {code, std::move(text), {}}; }
    bool isSuccess() const { return code < 400; }
    QByteArray toBytes() const;
};

} // namespace baton::issd
