#include "core/issd/IssdCommandDispatcher.h"

#include "core/issd/IssdSession.h"

#include <QRegularExpression>
#include <QTimer>

namespace baton::issd {

using display::DisplayInfo;

namespace {

constexpr int kBase64LineChars = 76;

QString keyValue(const QString &key, const QString &value)
{
    return Arguments{{key, value}}.serialize();
}

// The selector argument (first positional), or an error reply.
std::variant<QList<DisplayInfo>, Reply> selectFrom(IssdDisplayProperties &properties, const Command &command,
                                                   bool allowAll)
{
    const QStringList positionals = command.args.positionals();
    if (positionals.isEmpty())
        return Reply::error(kErrParam, QStringLiteral("%1 needs a display (1, id:…, name:…, primary%2)")
                                           .arg(command.verb, allowAll ? QStringLiteral(", *") : QString()));
    return properties.select(positionals.first(), allowAll);
}

std::optional<QSize> parseSize(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^([1-9][0-9]{0,3})x([1-9][0-9]{0,3})$"));
    const auto match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    return QSize(match.capturedView(1).toInt(), match.capturedView(2).toInt());
}

} // namespace

Reply IssdCommandDispatcher::dispatch(IssdSession &session, const Command &command)
{
    const QString &verb = command.verb;
    if (verb == u"INFO")
        return info(command);
    if (verb == u"LIST")
        return list();
    if (verb == u"GET")
        return get(command);
    if (verb == u"SET")
        return set(session, command);
    if (verb == u"CONFIRM")
        return confirm(command);
    if (verb == u"IDENTIFY")
        return identify(command);
    if (verb == u"SNAPSHOT")
        return snapshot(session, command);
    if (verb == u"JOIN")
        return join(session, command);
    if (verb == u"LEAVE")
        return leave(command);
    if (verb == u"SUBSCRIBE")
        return subscribe(session, command);
    if (verb == u"UNSUBSCRIBE")
        return unsubscribe(session, command);
    return Reply::error(kErrUnknown, verb);
}

Reply IssdCommandDispatcher::info(const Command &command)
{
    if (command.args.positionals().isEmpty())
        return Reply::ok(QStringLiteral("info"), parts_.serverFacts());
    const auto selected = selectFrom(*parts_.properties, command, false);
    if (const Reply *error = std::get_if<Reply>(&selected))
        return *error;
    QStringList lines;
    for (const auto &[name, value] : parts_.properties->all(std::get<0>(selected).first()))
        lines.append(keyValue(name, value));
    return Reply::ok(QStringLiteral("info"), lines);
}

Reply IssdCommandDispatcher::list()
{
    const QList<DisplayInfo> displays = parts_.properties->refresh();
    QStringList lines;
    for (qsizetype i = 0; i < displays.size(); ++i) {
        Arguments args{{QStringLiteral("display"), QString::number(i + 1)}};
        for (const auto &[name, value] : parts_.properties->summary(displays[i]))
            args.add(name, value);
        lines.append(args.serialize());
    }
    return Reply::ok(QStringLiteral("%1 display%2").arg(displays.size()).arg(displays.size() == 1 ? "" : "s"),
                     lines);
}

Reply IssdCommandDispatcher::get(const Command &command)
{
    const QStringList positionals = command.args.positionals();
    if (positionals.size() != 2)
        return Reply::error(kErrParam, QStringLiteral("GET <display> <prop>[,<prop>…] or GET <display> *"));
    parts_.properties->refresh();
    const auto selected = selectFrom(*parts_.properties, command, false);
    if (const Reply *error = std::get_if<Reply>(&selected))
        return *error;
    const DisplayInfo &display = std::get<0>(selected).first();
    QStringList lines;
    if (positionals[1] == u"*") {
        for (const auto &[name, value] : parts_.properties->all(display))
            lines.append(keyValue(name, value));
        return Reply::ok({}, lines);
    }
    for (const QString &name : positionals[1].split(u',')) {
        const auto value = parts_.properties->get(display, name);
        if (const Reply *error = std::get_if<Reply>(&value))
            return *error;
        lines.append(keyValue(name, std::get<QString>(value)));
    }
    return Reply::ok({}, lines);
}

Reply IssdCommandDispatcher::set(IssdSession &session, const Command &command)
{
    if (command.args.positionals().size() != 1)
        return Reply::error(kErrParam, QStringLiteral("SET <display> <prop>=<value>… [revert=<s>] [force=yes]"));
    parts_.properties->refresh();
    const auto selected = selectFrom(*parts_.properties, command, false);
    if (const Reply *error = std::get_if<Reply>(&selected))
        return *error;
    const DisplayInfo display = std::get<0>(selected).first();

    IssdDisplayProperties::Properties changes;
    std::optional<int> revertSeconds;
    bool force = false;
    for (const Argument &arg : command.args.all()) {
        if (arg.isPositional())
            continue;
        if (arg.key == u"revert") {
            bool ok = false;
            revertSeconds = arg.value.toInt(&ok);
            if (!ok || *revertSeconds < IssdOperations::kMinRevertSeconds ||
                *revertSeconds > IssdOperations::kMaxRevertSeconds)
                return Reply::error(kErrParam, QStringLiteral("revert must be %1..%2 seconds")
                                                   .arg(IssdOperations::kMinRevertSeconds)
                                                   .arg(IssdOperations::kMaxRevertSeconds));
        } else if (arg.key == u"force") {
            force = arg.value == u"yes";
        } else if (!arg.key.startsWith(QLatin1String("x-"))) {
            changes.append({arg.key, arg.value});
        }
    }
    if (changes.isEmpty())
        return Reply::error(kErrParam, QStringLiteral("SET needs at least one <prop>=<value>"));
    const bool touchesLayout = std::any_of(changes.begin(), changes.end(), [](const auto &change) {
        return IssdDisplayProperties::isLayoutProperty(change.first);
    });
    if (revertSeconds && !touchesLayout)
        return Reply::error(kErrParam, QStringLiteral("revert= applies to mode, position, rotation, enabled, primary"));

    auto outcome = parts_.properties->set(display, changes, force);
    if (!outcome.reply.isSuccess())
        return outcome.reply;
    quint64 op = 0;
    if (outcome.changedLayout) {
        QList<quint64> superseded;
        if (const auto older = parts_.operations->supersede(display.id, &superseded))
            outcome.previousLayout = *older;
        for (quint64 old : superseded)
            parts_.publish(QStringLiteral("op"), display.id,
                           Arguments{{QStringLiteral("op"), QString::number(old)},
                                     {QStringLiteral("state"), QStringLiteral("superseded")}},
                           0);
        if (revertSeconds) {
            op = parts_.operations->next();
            parts_.operations->expectConfirm(op, display, outcome.previousLayout, *revertSeconds);
        }
        parts_.layoutChanged(session.name(), op);
    }
    IssdDisplayProperties::Properties others;
    for (const auto &change : changes) {
        if (!IssdDisplayProperties::isLayoutProperty(change.first))
            others.append(change);
    }
    if (!others.isEmpty())
        parts_.propsChanged(display.id, others, session.name(), op);
    if (op)
        return {kAccepted, Arguments{{QStringLiteral("op"), QString::number(op)},
                                     {QStringLiteral("revert-in"), QString::number(*revertSeconds)}}
                               .serialize(),
                {}};
    return Reply::ok();
}

Reply IssdCommandDispatcher::confirm(const Command &command)
{
    bool ok = false;
    const QStringList positionals = command.args.positionals();
    const quint64 op = positionals.size() == 1 ? positionals.first().toULongLong(&ok) : 0;
    if (!ok)
        return Reply::error(kErrParam, QStringLiteral("CONFIRM <op>"));
    if (!parts_.operations->confirm(op))
        return Reply::error(kErrSequence, QStringLiteral("operation %1 is not waiting for confirmation").arg(op));
    parts_.publish(QStringLiteral("op"), QString(),
                   Arguments{{QStringLiteral("op"), QString::number(op)},
                             {QStringLiteral("state"), QStringLiteral("done")},
                             {QStringLiteral("code"), QString::number(kDone)}},
                   0);
    return Reply::ok(QStringLiteral("kept"));
}

Reply IssdCommandDispatcher::identify(const Command &command)
{
    if (!parts_.identifier)
        return Reply::error(kErrUnsupported,
                            QStringLiteral("this agent has no display session to draw on; run 'baton --agent'"));
    int seconds = 5;
    if (const auto value = command.args.value(u"seconds")) {
        bool ok = false;
        seconds = value->toInt(&ok);
        if (!ok || seconds < 1 || seconds > 60)
            return Reply::error(kErrParam, QStringLiteral("seconds must be 1..60"));
    }
    parts_.properties->refresh();
    const auto selected = selectFrom(*parts_.properties, command, true);
    if (const Reply *error = std::get_if<Reply>(&selected))
        return *error;
    QList<ScreenIdentifier::Target> targets;
    const QString text = command.args.value(u"text").value_or(QString());
    const auto &all = parts_.properties->current();
    for (const DisplayInfo &display : std::get<0>(selected)) {
        const auto index = std::find_if(all.begin(), all.end(), [&](const DisplayInfo &d) { return d.id == display.id; }) - all.begin();
        targets.append({int(index + 1), display, text.isEmpty() ? parts_.properties->label(display.id) : text});
    }
    if (const auto result = parts_.identifier->identify(targets, seconds); !result.isOk())
        return IssdDisplayProperties::replyFor(result);
    const Arguments shown{{QStringLiteral("state"), QStringLiteral("shown")}};
    for (const auto &target : targets)
        parts_.publish(QStringLiteral("identify"), target.display.id, shown, 0);
    const auto publish = parts_.publish;
    QTimer::singleShot(seconds * 1000, parts_.operations, [publish, targets] {
        for (const auto &target : targets)
            publish(QStringLiteral("identify"), target.display.id,
                    Arguments{{QStringLiteral("state"), QStringLiteral("hidden")}}, 0);
    });
    return Reply::ok(QStringLiteral("identify %1 display%2").arg(targets.size()).arg(targets.size() == 1 ? "" : "s"));
}

Reply IssdCommandDispatcher::snapshot(IssdSession &session, const Command &command)
{
    if (!parts_.snapshotter)
        return Reply::error(kErrUnsupported, QStringLiteral("this agent cannot grab its screens"));
    QSize maxSize(320, 320);
    if (const auto value = command.args.value(u"max")) {
        const auto size = parseSize(*value);
        if (!size || size->width() > 3840 || size->height() > 3840)
            return Reply::error(kErrParam, QStringLiteral("max must be WxH up to 3840x3840"));
        maxSize = *size;
    }
    const QString formatName = command.args.value(u"format").value_or(QStringLiteral("jpeg"));
    if (formatName != u"jpeg" && formatName != u"png")
        return Reply::error(kErrParam, QStringLiteral("format must be png or jpeg"));
    int quality = 80;
    if (const auto value = command.args.value(u"quality")) {
        bool ok = false;
        quality = value->toInt(&ok);
        if (!ok || quality < 1 || quality > 100)
            return Reply::error(kErrParam, QStringLiteral("quality must be 1..100"));
    }
    parts_.properties->refresh();
    const auto selected = selectFrom(*parts_.properties, command, false);
    if (const Reply *error = std::get_if<Reply>(&selected))
        return *error;
    QElapsedTimer &last = lastSnapshot_[session.id()];
    const qint64 intervalMs = parts_.config->snapshotInterval.count();
    if (last.isValid() && last.elapsed() < intervalMs)
        return Reply::error(kErrRate,
                            QStringLiteral("retry-after=%1").arg((intervalMs - last.elapsed() + 999) / 1000));
    last.start();

    display::BackendResult error;
    const auto shot = parts_.snapshotter->snapshot(
        std::get<0>(selected).first(), maxSize,
        formatName == u"png" ? ScreenSnapshotter::Format::Png : ScreenSnapshotter::Format::Jpeg, quality, &error);
    if (!shot)
        return IssdDisplayProperties::replyFor(error);
    if (shot->bytes.size() > parts_.config->maxSnapshotBytes)
        return Reply::error(kErrParam, QStringLiteral("the snapshot is %1 bytes, over the %2-byte limit; "
                                                      "ask for a smaller max= or jpeg")
                                           .arg(shot->bytes.size())
                                           .arg(parts_.config->maxSnapshotBytes));
    QStringList lines = {Arguments{{QStringLiteral("format"), formatName},
                                   {QStringLiteral("width"), QString::number(shot->size.width())},
                                   {QStringLiteral("height"), QString::number(shot->size.height())},
                                   {QStringLiteral("bytes"), QString::number(shot->bytes.size())}}
                             .serialize()};
    const QString base64 = QString::fromLatin1(shot->bytes.toBase64());
    for (qsizetype offset = 0; offset < base64.size(); offset += kBase64LineChars)
        lines.append(base64.mid(offset, kBase64LineChars));
    return Reply::ok(QStringLiteral("snapshot"), lines);
}

Reply IssdCommandDispatcher::join(IssdSession &session, const Command &command)
{
    if (!parts_.share)
        return Reply::error(kErrUnsupported,
                            QStringLiteral("this agent cannot show sessions (no viewer); run 'baton --agent'"));
    const QStringList positionals = command.args.positionals();
    if (positionals.size() != 2)
        return Reply::error(kErrParam, QStringLiteral("JOIN <display> <baton://… invite link> [fit=scale|1:1]"));
    QString linkError;
    const auto link = InviteLink::parse(positionals[1], &linkError);
    if (!link)
        return Reply::error(kErrParam, linkError);
    const QString fit = command.args.value(u"fit").value_or(QStringLiteral("scale"));
    if (fit != u"scale" && fit != u"1:1")
        return Reply::error(kErrParam, QStringLiteral("fit must be scale or 1:1"));
    parts_.properties->refresh();
    const auto selected = selectFrom(*parts_.properties, command, false);
    if (const Reply *error = std::get_if<Reply>(&selected))
        return *error;
    const quint64 op = parts_.operations->next();
    const auto result = parts_.share->join(std::get<0>(selected).first(), *link,
                                           fit == u"1:1" ? ShareDisplay::Fit::OneToOne : ShareDisplay::Fit::Scale, op);
    if (!result.isOk())
        return IssdDisplayProperties::replyFor(result);
    Q_UNUSED(session);
    return {kAccepted, keyValue(QStringLiteral("op"), QString::number(op)), {}};
}

Reply IssdCommandDispatcher::leave(const Command &command)
{
    if (!parts_.share)
        return Reply::error(kErrUnsupported, QStringLiteral("this agent cannot show sessions (no viewer)"));
    const auto selected = selectFrom(*parts_.properties, command, false);
    if (const Reply *error = std::get_if<Reply>(&selected))
        return *error;
    const auto result = parts_.share->leave(std::get<0>(selected).first().id);
    if (!result.isOk())
        return IssdDisplayProperties::replyFor(result);
    return Reply::ok();
}

Reply IssdCommandDispatcher::subscribe(IssdSession &session, const Command &command)
{
    const auto request = IssdSubscriptions::parse(command.args);
    if (const Reply *error = std::get_if<Reply>(&request))
        return *error;
    if (std::get<0>(request).udpPort && !parts_.config->udp)
        return Reply::error(kErrUnsupported, QStringLiteral("this agent sends no UDP datagrams"));
    const auto added = parts_.subscriptions->add(session.id(), std::get<0>(request), session.peer(), session.eventKey());
    if (const Reply *error = std::get_if<Reply>(&added))
        return *error;
    return Reply::ok(keyValue(QStringLiteral("sub"), QString::number(std::get<quint64>(added))));
}

Reply IssdCommandDispatcher::unsubscribe(IssdSession &session, const Command &command)
{
    const QStringList positionals = command.args.positionals();
    if (positionals.size() != 1)
        return Reply::error(kErrParam, QStringLiteral("UNSUBSCRIBE <sub>|*"));
    std::optional<quint64> id;
    if (positionals.first() != u"*") {
        bool ok = false;
        id = positionals.first().toULongLong(&ok);
        if (!ok)
            return Reply::error(kErrParam, QStringLiteral("UNSUBSCRIBE <sub>|*"));
    }
    if (!parts_.subscriptions->remove(session.id(), id))
        return Reply::error(kErrParam, QStringLiteral("no subscription %1 in this session").arg(positionals.first()));
    return Reply::ok();
}

} // namespace baton::issd
