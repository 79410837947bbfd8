#include "ui/displays/AgentConnection.h"

#include "core/issd/IssdDisplayProperties.h"
#include "ui/displays/FingerprintPins.h"

#include <memory>

namespace baton::ui {

using issd::Arguments;
using issd::IssdClient;

namespace {

// The key=value pairs of a data line, or none when it does not parse.
Arguments argumentsOf(const QString &line)
{
    issd::ParseError error;
    return Arguments::parse(line, &error).value_or(Arguments());
}

QString withoutIdPrefix(const QString &selector)
{
    return selector.startsWith(QLatin1String("id:")) ? selector.mid(3) : selector;
}

} // namespace

const QStringList &AgentConnection::editableProperties()
{
    static const QStringList names = {QStringLiteral("mode"), QStringLiteral("rotation"),
                                      QStringLiteral("primary"), QStringLiteral("brightness"),
                                      QStringLiteral("power")};
    return names;
}

AgentConnection::AgentConnection(Target target, QByteArray secret, FingerprintPins &pins,
                                 QObject *parent)
    : QObject(parent), target_(std::move(target)), secret_(std::move(secret)), pins_(pins)
{
}

AgentConnection::~AgentConnection() = default;

QString AgentConnection::address() const
{
    const bool ipv6 = target_.host.contains(u':');
    return ipv6 ? QStringLiteral("[%1]:%2").arg(target_.host).arg(target_.port)
                : QStringLiteral("%1:%2").arg(target_.host).arg(target_.port);
}

const DisplayState *AgentConnection::display(const QString &id) const
{
    for (const DisplayState &state : displays_)
        if (state.id == id)
            return &state;
    return nullptr;
}

void AgentConnection::setState(State state, const QString &problem)
{
    state_ = state;
    problem_ = problem;
    emit stateChanged();
}

void AgentConnection::open()
{
    pinned_ = pins_.pinFor(address()).value_or(QByteArray());
    seen_.clear();
    displays_.clear();
    listed_ = false;
    emit displaysChanged();
    IssdClient::Options options;
    options.keyId = target_.keyId;
    options.secret = secret_;
    options.requireTls = true; // commands after AUTH are only protected under TLS
    options.pinnedFingerprint = pinned_;
    options.clientName = QStringLiteral("baton-displays");
    client_ = std::make_unique<IssdClient>(options);
    connect(client_.get(), &IssdClient::certificateSeen, this, &AgentConnection::onCertificate);
    connect(client_.get(), &IssdClient::ready, this, &AgentConnection::onReady);
    connect(client_.get(), &IssdClient::failed, this, &AgentConnection::onFailed);
    connect(client_.get(), &IssdClient::eventReceived, this, &AgentConnection::onEvent);
    setState(State::Connecting);
    client_->connectToAgent(target_.host, target_.port);
}

void AgentConnection::trustNewCertificate()
{
    if (state_ != State::CertificateChanged || seen_.isEmpty())
        return;
    pins_.pin(address(), seen_);
    open();
}

void AgentConnection::onCertificate(const QByteArray &fingerprint)
{
    seen_ = fingerprint;
    if (!pinned_.isEmpty() && fingerprint != pinned_)
        setState(
            State::CertificateChanged,
            tr("The agent at %1 shows a different certificate than the last time. It may have been "
               "reinstalled, or someone may be impersonating it. Baton did not log in.")
                .arg(address()));
}

void AgentConnection::onReady()
{
    if (pinned_.isEmpty()) {
        // First use: the agent has just proven that it knows the secret over this certificate.
        pinned_ = seen_;
        pins_.pin(address(), pinned_);
    }
    for (const QString &line : client_->capabilities()) {
        const Arguments args = argumentsOf(line);
        if (const auto agentName = args.value(u"name"))
            name_ = *agentName;
        if (const auto features = args.value(u"features"))
            features_ = features->split(u',', Qt::SkipEmptyParts);
    }
    setState(State::Ready);
    send(QStringLiteral("SUBSCRIBE"), {{QString(), QStringLiteral("*")}},
         [this](const IssdClient::Response &r) {
             if (!r.isSuccess())
                 emit problemReported(
                     tr("The panel will not see changes as they happen: %1").arg(words(r)));
         });
    reload();
}

void AgentConnection::onFailed(const QString &reason)
{
    if (state_ == State::CertificateChanged)
        return; // the warning says more than the client's failure
    if (!displays_.isEmpty() || listed_) {
        displays_.clear(); // what the agent said last is no longer known to be true
        listed_ = false;
        emit displaysChanged();
    }
    if (reason.startsWith(QLatin1String("authentication failed")))
        return setState(State::Failed,
                        tr("The agent at %1 did not accept the secret for the key “%2”.")
                            .arg(address(), target_.keyId));
    if (state_ == State::Connecting)
        return setState(State::Failed, tr("Could not connect to %1: %2").arg(address(), reason));
    setState(State::Failed, tr("Lost the connection to %1: %2").arg(address(), reason));
}

QString AgentConnection::words(const IssdClient::Response &response)
{
    if (response.code == 0)
        return tr("the connection to the agent ended");
    return tr("%1 (%2 %3)").arg(response.text).arg(response.code).arg(response.word);
}

void AgentConnection::send(const QString &verb, const Arguments &args,
                           IssdClient::Callback callback)
{
    if (!client_)
        return;
    client_->send(issd::Command{verb, args}, std::move(callback));
}

void AgentConnection::reload()
{
    // LIST, then INFO per display, then GET for each editable property INFO left out (to
    // learn the agent's words for why). Replies come in order but the later commands are
    // only known from earlier replies, so a count of unanswered ones says when all is in.
    struct Pending {
        QList<DisplayState> displays;
        bool listed = false; // LIST succeeded: displays is the agent's answer
        int unanswered = 0;
    };
    const quint64 generation = ++reloadGeneration_;
    auto pending = std::make_shared<Pending>();
    const auto finishOne = [this, pending, generation] {
        if (--pending->unanswered > 0 || generation != reloadGeneration_)
            return;
        displays_ = pending->displays;
        listed_ = pending->listed;
        emit displaysChanged();
    };
    const auto learn = [](DisplayState &display, const QStringList &data) {
        for (const QString &item : data) {
            const Arguments args = argumentsOf(item); // outlives the loop over it
            for (const issd::Argument &arg : args.all())
                display.properties.insert(arg.key, arg.value);
        }
    };
    ++pending->unanswered;
    send(QStringLiteral("LIST"), {},
         [this, pending, finishOne, learn](const IssdClient::Response &list) {
             pending->listed = list.isSuccess();
             if (!pending->listed)
                 emit problemReported(tr("Could not list the displays: %1").arg(words(list)));
             for (const QString &line : list.data) {
                 const Arguments args = argumentsOf(line);
                 DisplayState state;
                 state.index = args.value(u"display").value_or(QString()).toInt();
                 state.id = args.value(u"id").value_or(QString());
                 if (state.id.isEmpty())
                     continue;
                 pending->displays.append(state);
                 const qsizetype position = pending->displays.size() - 1;
                 ++pending->unanswered;
                 send(
                     QStringLiteral("INFO"), {{QString(), state.selector()}},
                     [this, pending, position, finishOne, learn](const IssdClient::Response &info) {
                         DisplayState &display = pending->displays[position];
                         learn(display, info.data);
                         for (const QString &name : editableProperties()) {
                             if (display.has(name))
                                 continue;
                             ++pending->unanswered;
                             send(QStringLiteral("GET"),
                                  {{QString(), display.selector()}, {QString(), name}},
                                  [pending, position, name, finishOne,
                                   learn](const IssdClient::Response &get) {
                                      DisplayState &late = pending->displays[position];
                                      if (get.isSuccess())
                                          learn(late, get.data);
                                      else
                                          late.unsupported.insert(name, get.text);
                                      finishOne();
                                  });
                         }
                         finishOne();
                     });
             }
             finishOne();
         });
}

void AgentConnection::onEvent(const issd::Event &event)
{
    const QString displayId = withoutIdPrefix(event.args.value(u"display").value_or(QString()));
    if (event.type == u"prop") {
        auto it = std::find_if(displays_.begin(), displays_.end(),
                               [&displayId](const DisplayState &d) { return d.id == displayId; });
        if (it == displays_.end())
            return;
        for (const issd::Argument &arg : event.args.all())
            if (arg.key != u"display" && arg.key != u"by" && arg.key != u"op")
                it->properties.insert(arg.key, arg.value);
        emit displayChanged(displayId);
    } else if (event.type == u"hotplug") {
        reload();
    } else if (event.type == u"op") {
        const quint64 op = event.args.value(u"op").value_or(QString()).toULongLong();
        const QString outcome = event.args.value(u"state").value_or(QString());
        if (!previous_.erase(op))
            return; // another client's operation, or one already ended
        if (outcome == u"reverted")
            emit reported(tr(
                "The display went back to its previous setting: the change was not kept in time."));
        else if (outcome == u"failed")
            emit problemReported(tr("The agent could not put the previous setting back (code %1).")
                                     .arg(event.args.value(u"code").value_or(QString())));
        emit operationEnded(op, outcome);
    } else if (event.type == u"share") {
        const QString state = event.args.value(u"state").value_or(QString());
        const QString reason = event.args.value(u"reason").value_or(QString());
        if (state == u"started")
            emit reported(tr("The share is shown on the display."));
        else if (state == u"failed")
            emit problemReported(tr("The share could not be shown: %1").arg(reason));
        else if (state == u"ended")
            emit reported(tr("The share was taken off the display: %1").arg(reason));
    } else if (event.type == u"shutdown") {
        setState(State::Failed, tr("The agent at %1 is shutting down.").arg(address()));
    }
}

void AgentConnection::apply(const QString &displayId, const Changes &changes)
{
    Changes layout;
    Changes others;
    for (const auto &change : changes)
        (issd::IssdDisplayProperties::isLayoutProperty(change.first) ? layout : others)
            .append(change);
    if (!layout.isEmpty())
        sendSet(displayId, layout, true);
    if (!others.isEmpty())
        sendSet(displayId, others, false);
}

void AgentConnection::sendSet(const QString &displayId, const Changes &changes, bool withRevert)
{
    const DisplayState *state = display(displayId);
    if (!state)
        return;
    Changes before;
    Arguments args{{QString(), state->selector()}};
    for (const auto &change : changes) {
        args.add(change.first, change.second);
        before.append({change.first, state->value(change.first)});
    }
    if (withRevert)
        args.add(QStringLiteral("revert"), QString::number(kRevertSeconds));
    send(QStringLiteral("SET"), args, [this, displayId, before](const IssdClient::Response &r) {
        if (!r.isSuccess())
            return emit problemReported(tr("The display was not changed: %1").arg(words(r)));
        const Arguments result = argumentsOf(r.text);
        const quint64 op = result.value(u"op").value_or(QString()).toULongLong();
        if (r.code != issd::kAccepted || !op)
            return emit reported(tr("Changed."));
        previous_[op] = {displayId, before};
        emit revertPending(op, displayId, result.value(u"revert-in").value_or(QString()).toInt());
    });
}

void AgentConnection::keep(quint64 op)
{
    send(QStringLiteral("CONFIRM"), {{QString(), QString::number(op)}},
         [this](const IssdClient::Response &r) {
             if (r.isSuccess())
                 emit reported(tr("The new setting is kept."));
             else
                 emit problemReported(tr("The setting could not be kept: %1").arg(words(r)));
         });
}

void AgentConnection::revert(quint64 op)
{
    const auto it = previous_.find(op);
    if (it == previous_.end())
        return;
    const auto [displayId, before] = it->second;
    const DisplayState *state = display(displayId);
    if (!state)
        return;
    // A newer SET on the display supersedes the waiting one: the agent ends it at once.
    Arguments args{{QString(), state->selector()}};
    for (const auto &change : before)
        args.add(change.first, change.second);
    send(QStringLiteral("SET"), args, [this](const IssdClient::Response &r) {
        if (r.isSuccess())
            emit reported(tr("The previous setting is back."));
        else
            emit problemReported(
                tr("The previous setting could not be put back: %1").arg(words(r)));
    });
}

void AgentConnection::identify(const QString &displayId)
{
    const DisplayState *state = display(displayId);
    if (!state)
        return;
    send(QStringLiteral("IDENTIFY"), {{QString(), state->selector()}},
         [this](const IssdClient::Response &r) {
             if (r.isSuccess())
                 emit reported(tr("The display shows its number now."));
             else
                 emit problemReported(tr("The display could not be identified: %1").arg(words(r)));
         });
}

void AgentConnection::snapshot(const QString &displayId, QSize maxSize)
{
    const DisplayState *state = display(displayId);
    if (!state)
        return;
    const Arguments args{
        {QString(), state->selector()},
        {QStringLiteral("max"), QStringLiteral("%1x%2").arg(maxSize.width()).arg(maxSize.height())},
        {QStringLiteral("format"), QStringLiteral("png")}};
    send(QStringLiteral("SNAPSHOT"), args, [this, displayId](const IssdClient::Response &r) {
        if (!r.isSuccess())
            return emit problemReported(tr("No snapshot: %1").arg(words(r)));
        // The first data line describes the image, the others are its base64 text.
        const QByteArray encoded = r.data.mid(1).join(QString()).toLatin1();
        const QImage image = QImage::fromData(QByteArray::fromBase64(encoded));
        if (image.isNull())
            return emit problemReported(tr("The agent's snapshot could not be read."));
        emit snapshotReady(displayId, image);
    });
}

void AgentConnection::join(const QString &displayId, const InviteLink &link)
{
    const DisplayState *state = display(displayId);
    if (!state)
        return;
    const Arguments args{{QString(), state->selector()}, {QString(), link.toString()}};
    send(QStringLiteral("JOIN"), args, [this](const IssdClient::Response &r) {
        if (r.isSuccess())
            emit reported(tr("The display is joining your share…"));
        else
            emit problemReported(tr("The share could not be shown: %1").arg(words(r)));
    });
}

void AgentConnection::leave(const QString &displayId)
{
    const DisplayState *state = display(displayId);
    if (!state)
        return;
    send(QStringLiteral("LEAVE"), {{QString(), state->selector()}},
         [this](const IssdClient::Response &r) {
             if (r.isSuccess())
                 emit reported(tr("The share was taken off the display."));
             else
                 emit problemReported(tr("Nothing was taken off: %1").arg(words(r)));
         });
}

} // namespace baton::ui
