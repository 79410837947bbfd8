#pragma once

#include "core/common/InviteLink.h"
#include "core/issd/IssdClient.h"
#include "ui/displays/DisplayState.h"

#include <QImage>
#include <QObject>

#include <map>
#include <memory>

namespace baton::ui {

class FingerprintPins;

// The Displays panel's session with one ISSD agent: logs in with a secret held only in
// memory, checks the agent's certificate against the pinned fingerprint (pinning it on
// first use), subscribes to every event, keeps its displays' properties current, and
// turns the panel's requests into commands. Outcomes come back as signals, in words a
// person can read. Runs on the GUI thread.
class AgentConnection : public QObject {
    Q_OBJECT
public:
    enum class State {
        Connecting,
        Ready,
        Failed, // problem() says why
        CertificateChanged, // the agent's certificate is not the pinned one: nothing was sent
    };
    struct Target {
        QString host;
        quint16 port = 1600;
        QString keyId = QStringLiteral("default");
    };
    using Changes = QList<std::pair<QString, QString>>; // property=value, in order
    // The panel always gives a layout change this long before the agent puts it back.
    static constexpr int kRevertSeconds = 15;
    // The property names the panel edits.
    static const QStringList &editableProperties();

    AgentConnection(Target target, QByteArray secret, FingerprintPins &pins,
                    QObject *parent = nullptr);
    ~AgentConnection() override;

    void open();
    // After the person has accepted a changed certificate: pin it and connect again.
    void trustNewCertificate();

    QString address() const; // host:port
    QString name() const { return name_; }
    State state() const { return state_; }
    QString problem() const { return problem_; }
    QByteArray pinnedFingerprint() const { return pinned_; }
    QByteArray seenFingerprint() const { return seen_; }
    bool hasFeature(const QString &feature) const { return features_.contains(feature); }
    const QList<DisplayState> &displays() const { return displays_; }
    // Whether displays() is what the agent answered (it may have none), not yet unknown.
    bool hasListedDisplays() const { return listed_; }
    const DisplayState *display(const QString &id) const;

    // SET: layout properties with revert=kRevertSeconds (revertPending follows), the
    // others (power, brightness) in a second SET without.
    void apply(const QString &displayId, const Changes &changes);
    void keep(quint64 op); // CONFIRM
    void revert(quint64 op); // puts the values from before the change back now
    void identify(const QString &displayId);
    void snapshot(const QString &displayId, QSize maxSize);
    void join(const QString &displayId, const InviteLink &link);
    void leave(const QString &displayId);

signals:
    void stateChanged();
    void displaysChanged();
    void displayChanged(const QString &displayId);
    void revertPending(quint64 op, const QString &displayId, int seconds);
    void operationEnded(quint64 op, const QString &outcome); // done, reverted, superseded, failed
    void snapshotReady(const QString &displayId, const QImage &image);
    void reported(const QString &text); // what a command did
    void problemReported(const QString &text); // why a command failed

private:
    void setState(State state, const QString &problem = {});
    void onCertificate(const QByteArray &fingerprint);
    void onReady();
    void onFailed(const QString &reason);
    void onEvent(const issd::Event &event);
    void reload();
    void send(const QString &verb, const issd::Arguments &args,
              issd::IssdClient::Callback callback);
    void sendSet(const QString &displayId, const Changes &changes, bool withRevert);
    // The reply as words: the agent's text, then its code and word.
    static QString words(const issd::IssdClient::Response &response);

    Target target_;
    QByteArray secret_; // in memory only, for this session
    FingerprintPins &pins_;
    std::unique_ptr<issd::IssdClient> client_;
    State state_ = State::Connecting;
    QString problem_;
    QString name_;
    QStringList features_;
    QByteArray pinned_;
    QByteArray seen_;
    QList<DisplayState> displays_;
    bool listed_ = false;
    quint64 reloadGeneration_ = 0;
    // The values from before each layout change that waits for Keep, by operation.
    std::map<quint64, std::pair<QString, Changes>> previous_;
};

} // namespace baton::ui
