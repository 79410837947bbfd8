#pragma once

#include "core/display/DisplaySystem.h"
#include "core/issd/IssdAgentConfig.h"
#include "core/issd/IssdAuthBackoff.h"
#include "core/issd/IssdCommandDispatcher.h"
#include "core/issd/IssdSecretStore.h"
#include "core/issd/IssdSession.h"

#include <QDateTime>
#include <QObject>

#include <map>
#include <memory>

namespace baton::issd {

class IssdDiscoveryResponder;
class IssdTcpServer;

// The ISSD display agent: TCP control sessions and UDP discovery/events, over one
// DisplaySystem. Owns its sessions and the parts they share (properties model,
// operations with auto-revert, subscriptions, auth back-off); the display system and
// the optional plug-ins (identify, snapshot, share) belong to the caller and must
// outlive the agent. Runs on the thread that created it.
class IssdAgent : public QObject {
    Q_OBJECT
public:
    IssdAgent(IssdAgentConfig config, IssdSecretStore secrets, display::DisplaySystem &displays,
              QObject *parent = nullptr);
    ~IssdAgent() override;

    // Offers STARTTLS with this identity (without one, only plaintext is possible).
    void setTlsIdentity(const QSslCertificate &certificate, const QSslKey &privateKey);
    void setIdentifier(ScreenIdentifier *identifier) { identifier_ = identifier; }
    void setSnapshotter(ScreenSnapshotter *snapshotter) { snapshotter_ = snapshotter; }
    void setShareDisplay(ShareDisplay *share);

    bool start(QString *error);
    // Tells subscribers (shutdown event, UDP BYE) and closes every session.
    void stop();

    quint16 tcpPort() const;
    quint16 udpPort() const;
    QString serverId() const { return services_.serverId; }
    int authenticatedSessions() const;
    int connections() const { return int(sessions_.size()); }

private:
    void accept(qintptr descriptor);
    bool admit(const QHostAddress &peer) const;
    QStringList capabilities() const;
    QStringList serverFacts() const;
    QString hereFields() const;
    void publish(const QString &type, const QString &displayId, const Arguments &details,
                 quint64 onlySession, const QString &by = {}, quint64 op = 0);
    void publishLayout(const QString &by, quint64 op);
    void revert(quint64 op, const display::DisplayInfo &display,
                const display::DisplayLayout &previous);

    IssdAgentConfig config_;
    IssdSecretStore secrets_;
    display::DisplaySystem &displays_;
    IssdSession::Services services_;
    IssdAuthBackoff backoff_;
    IssdRefusalLog refusals_;
    IssdDisplayProperties properties_;
    IssdOperations *operations_;
    IssdSubscriptions subscriptions_;
    std::unique_ptr<IssdCommandDispatcher> dispatcher_;
    IssdTcpServer *server_ = nullptr;
    IssdDiscoveryResponder *discovery_ = nullptr;
    ScreenIdentifier *identifier_ = nullptr;
    ScreenSnapshotter *snapshotter_ = nullptr;
    ShareDisplay *share_ = nullptr;
    std::map<quint64, IssdSession *> sessions_;
    quint64 lastSessionId_ = 0;
    quint64 lastSeq_ = 0;
    QHash<QString, IssdDisplayProperties::Properties> lastLayout_; // by display id, for prop events
    QDateTime startedAt_;
};

} // namespace baton::issd
