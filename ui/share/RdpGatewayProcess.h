#pragma once

#include "core/common/InviteLink.h"

#include <QByteArray>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QTimer>

namespace baton::ui {

// One run of `baton-cli rdp-gateway` for a share. The gateway joins the share as one viewer
// and serves its picture to RDP clients, in a process of its own so that the RDP stack stays
// out of the host. This class reads what the gateway announces on stdout once it listens
// (its rdp:// address, the password RDP clients log on with, its certificate's fingerprint),
// keeps the end of its stderr for the reason when it fails, and stops it when asked or
// when deleted. Lives on the thread that creates it; its signals come from that thread's
// event loop.
//
// The gateway leaves on SIGTERM as when the share ends: it says goodbye to the host, shows
// its RDP clients why and disconnects them (after up to 11 s, RdpGatewayConfig::endGraceMs);
// a second SIGTERM ends it at once.
class RdpGatewayProcess : public QObject {
    Q_OBJECT
public:
    // How long the gateway may take to leave after stop() before it is killed: its RDP
    // clients' time to read why, and some.
    static constexpr int kStopTimeoutMs = 15000;
    // When deleted: how long it may take after each of its two SIGTERMs.
    static constexpr int kQuitGraceMs = 2000;

    // program: the baton-cli executable; empty: none was found, and start() fails.
    explicit RdpGatewayProcess(QString program, QObject *parent = nullptr);
    // Stops a running gateway and waits for it: SIGTERM, a second one kQuitGraceMs later,
    // SIGKILL after another kQuitGraceMs. The application is quitting, and the gateway must
    // neither outlive it nor hold it up for long.
    ~RdpGatewayProcess() override;

    // baton-cli beside this program's own executable (where packages install both), else
    // the first on PATH; empty when there is neither.
    static QString defaultProgram();

    // Starts the gateway for link's share (link carries the passcode, which the gateway
    // also makes the RDP password) listening on port, 0 meaning any free port. Call once;
    // started() or failed() follows.
    void start(const InviteLink &link, quint16 port);
    // Asks a running gateway to leave (SIGTERM; SIGKILL when it has not left
    // kStopTimeoutMs later); stopped() follows once it has.
    void stop();
    bool isRunning() const { return process_.state() != QProcess::NotRunning; }
    // Whether it announced its address (started() was emitted).
    bool hasListened() const { return announced_; }

signals:
    // The gateway listens. address is what RDP clients open ("rdp://HOST:PORT"), password
    // what they log on with, fingerprint its certificate's, as it printed it
    // ("SHA-256 AB:CD:…").
    void started(const QString &address, const QString &password, const QString &fingerprint);
    // It did not start, or it ended unasked before or with an error: reason is its own last
    // error line when it left one, else what happened to it. Nothing follows.
    void failed(const QString &reason);
    // It ended after stop(), or on its own without an error after it had listened.
    void stopped();

private:
    void readAnnouncement();
    void readErrors();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onError(QProcess::ProcessError error);
    // The gateway's own words for what went wrong: its last "baton-cli rdp-gateway: "
    // line without that, else why it left the share ("left: "), else its last line.
    QString lastErrorLine() const;

    QString program_;
    QProcess process_;
    QTimer killTimer_;
    QString address_;
    QString password_;
    QString fingerprint_;
    QByteArray errors_; // the end of its stderr, at most kMaxErrorBytes
    qint64 pid_ = 0;
    bool announced_ = false;
    bool stopping_ = false;
    bool over_ = false; // failed() or stopped() was emitted
};

} // namespace baton::ui
