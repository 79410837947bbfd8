#include "core/issd/IssdDisplayProperties.h"

#include <QRegularExpression>

namespace baton::issd {

using display::BackendResult;
using display::DisplayInfo;
using display::VcpFeature;

namespace {

QString yesNo(bool value)
{
    return value ? QStringLiteral("yes") : QStringLiteral("no");
}

std::optional<bool> parseYesNo(const QString &value)
{
    if (value == u"yes")
        return true;
    if (value == u"no")
        return false;
    return std::nullopt;
}

std::optional<QPoint> parsePosition(const QString &value)
{
    static const QRegularExpression pattern(QStringLiteral("^(-?[0-9]{1,5}),(-?[0-9]{1,5})$"));
    const auto match = pattern.match(value);
    if (!match.hasMatch())
        return std::nullopt;
    return QPoint(match.capturedView(1).toInt(), match.capturedView(2).toInt());
}

std::optional<int> parsePercent(const QString &value)
{
    bool ok = false;
    const int percent = value.toInt(&ok);
    if (!ok || percent < 0 || percent > 100)
        return std::nullopt;
    return percent;
}

// MCCS input source codes (VCP 0x60) by their ISSD names.
const QList<std::pair<QString, int>> &inputNames()
{
    static const QList<std::pair<QString, int>> names = {
        {QStringLiteral("vga1"), 0x01},  {QStringLiteral("vga2"), 0x02}, {QStringLiteral("dvi1"), 0x03},
        {QStringLiteral("dvi2"), 0x04},  {QStringLiteral("dp1"), 0x0F},  {QStringLiteral("dp2"), 0x10},
        {QStringLiteral("hdmi1"), 0x11}, {QStringLiteral("hdmi2"), 0x12}};
    return names;
}

QString inputName(int code)
{
    for (const auto &[name, value] : inputNames()) {
        if (value == code)
            return name;
    }
    return QStringLiteral("0x%1").arg(code, 2, 16, QLatin1Char('0'));
}

std::optional<int> parseInput(const QString &value)
{
    for (const auto &[name, code] : inputNames()) {
        if (value == name)
            return code;
    }
    bool ok = false;
    const int raw = value.startsWith(QLatin1String("0x")) ? value.mid(2).toInt(&ok, 16) : -1;
    if (!ok || raw < 1 || raw > 0xFF)
        return std::nullopt;
    return raw;
}

int toPercent(const display::VcpValue &value)
{
    return value.maximum > 0 ? (value.current * 100 + value.maximum / 2) / value.maximum : value.current;
}

} // namespace

QList<DisplayInfo> IssdDisplayProperties::refresh()
{
    displays_ = system_.layout->displays();
    return displays_;
}

std::variant<QList<DisplayInfo>, Reply> IssdDisplayProperties::select(const QString &selector,
                                                                      bool allowAll)
{
    if (displays_.isEmpty())
        refresh();
    if (selector == u"*") {
        if (!allowAll)
            return Reply::error(kErrParam, QStringLiteral("'*' is not allowed here; name one display"));
        return displays_;
    }
    QList<DisplayInfo> found;
    bool isIndex = false;
    const int index = selector.toInt(&isIndex);
    for (qsizetype i = 0; i < displays_.size(); ++i) {
        const DisplayInfo &display = displays_[i];
        if ((isIndex && index == i + 1) || (selector.startsWith(QLatin1String("id:")) && display.id == selector.mid(3)) ||
            (selector.startsWith(QLatin1String("name:")) && display.connector == selector.mid(5)) ||
            (selector == u"primary" && display.layout.primary))
            found.append(display);
    }
    if (!isIndex && !selector.startsWith(QLatin1String("id:")) && !selector.startsWith(QLatin1String("name:")) &&
        selector != u"primary")
        return Reply::error(kErrParam, QStringLiteral("a display is 1, id:…, name:…, primary or *"));
    if (found.isEmpty())
        return Reply::error(kErrNoDisplay, QStringLiteral("no display %1").arg(selector));
    return found.mid(0, 1);
}

bool IssdDisplayProperties::ddcReaches(const DisplayInfo &display)
{
    return system_.ddc && system_.ddc->reaches(display);
}

bool IssdDisplayProperties::hasPower(const DisplayInfo &display)
{
    return system_.power || ddcReaches(display);
}

IssdDisplayProperties::Properties IssdDisplayProperties::summary(const DisplayInfo &display)
{
    Properties props = {{QStringLiteral("id"), display.id}, {QStringLiteral("connector"), display.connector}};
    if (const QString label = labels_.value(display.id); !label.isEmpty())
        props.append({QStringLiteral("label"), label});
    props.append({QStringLiteral("primary"), yesNo(display.layout.primary)});
    props.append({QStringLiteral("enabled"), yesNo(display.layout.enabled)});
    if (display.layout.mode)
        props.append({QStringLiteral("mode"), display.layout.mode->toString()});
    return props;
}

IssdDisplayProperties::Properties IssdDisplayProperties::all(const DisplayInfo &display)
{
    static const QStringList kOrder = {
        QStringLiteral("id"), QStringLiteral("connector"), QStringLiteral("manufacturer"), QStringLiteral("model"),
        QStringLiteral("serial"), QStringLiteral("label"), QStringLiteral("connected"), QStringLiteral("enabled"),
        QStringLiteral("mode"), QStringLiteral("modes"), QStringLiteral("preferred-mode"),
        QStringLiteral("position"), QStringLiteral("rotation"), QStringLiteral("rotations"),
        QStringLiteral("primary"), QStringLiteral("scale"), QStringLiteral("physical-size"),
        QStringLiteral("power"), QStringLiteral("power-modes"), QStringLiteral("power-off-recoverable"),
        QStringLiteral("brightness"), QStringLiteral("contrast"), QStringLiteral("input"), QStringLiteral("ddc")};
    Properties props;
    for (const QString &name : kOrder) {
        const auto value = get(display, name);
        if (const QString *text = std::get_if<QString>(&value))
            props.append({name, *text});
    }
    return props;
}

std::variant<QString, Reply> IssdDisplayProperties::get(const DisplayInfo &display, const QString &name)
{
    const auto unsupported = [&] {
        return Reply::error(kErrUnsupported,
                            QStringLiteral("%1 has no property %2 here").arg(display.connector, name));
    };
    const auto text = [&](const QString &value) -> std::variant<QString, Reply> {
        if (value.isEmpty())
            return unsupported();
        return value;
    };
    const auto &layout = display.layout;
    if (name == u"id")
        return display.id;
    if (name == u"connector")
        return display.connector;
    if (name == u"manufacturer")
        return text(display.manufacturer);
    if (name == u"model")
        return text(display.model);
    if (name == u"serial")
        return text(display.serial);
    if (name == u"label")
        return labels_.value(display.id);
    if (name == u"connected")
        return yesNo(display.connected);
    if (name == u"enabled")
        return yesNo(layout.enabled);
    if (name == u"mode")
        return text(layout.mode ? layout.mode->toString() : QString());
    if (name == u"modes") {
        QStringList modes;
        for (const auto &mode : display.modes)
            modes.append(mode.toString());
        return text(modes.join(u','));
    }
    if (name == u"preferred-mode")
        return text(display.preferredMode ? display.preferredMode->toString() : QString());
    if (name == u"position")
        return text(layout.enabled ? QStringLiteral("%1,%2").arg(layout.position.x()).arg(layout.position.y())
                                   : QString());
    if (name == u"rotation")
        return text(layout.enabled ? QString::number(layout.rotationDeg) : QString());
    if (name == u"rotations") {
        QStringList rotations;
        for (int deg : display.rotationsDeg)
            rotations.append(QString::number(deg));
        return text(rotations.join(u','));
    }
    if (name == u"primary")
        return yesNo(layout.primary);
    if (name == u"scale")
        return text(display.scale > 0 ? QString::number(display.scale) : QString());
    if (name == u"physical-size")
        return text(display.physicalSizeMm.isEmpty() ? QString()
                                                     : QStringLiteral("%1x%2mm")
                                                           .arg(display.physicalSizeMm.width())
                                                           .arg(display.physicalSizeMm.height()));
    if (name == u"ddc")
        return system_.ddc ? yesNo(ddcReaches(display)) : std::variant<QString, Reply>(unsupported());
    if (name == u"power-modes")
        return hasPower(display) ? QStringLiteral("on,standby,off") : std::variant<QString, Reply>(unsupported());
    if (name == u"power-off-recoverable") {
        if (system_.power)
            return yesNo(system_.power->offIsRecoverable());
        return ddcReaches(display) ? QStringLiteral("no") : std::variant<QString, Reply>(unsupported());
    }
    if (name == u"power") {
        if (system_.power) {
            const auto state = system_.power->power();
            if (!state)
                return Reply::error(kErrLocal, QStringLiteral("DPMS did not answer"));
            return display::powerStateName(*state);
        }
        if (!ddcReaches(display))
            return unsupported();
    }
    const std::optional<VcpFeature> feature = name == u"brightness" ? VcpFeature::Brightness
                                              : name == u"contrast" ? VcpFeature::Contrast
                                              : name == u"input"    ? VcpFeature::InputSource
                                              : name == u"power"    ? VcpFeature::PowerMode
                                                                    : std::optional<VcpFeature>();
    if (!feature)
        return Reply::error(kErrUnsupported, QStringLiteral("no property %1").arg(name));
    if (!ddcReaches(display))
        return unsupported();
    BackendResult error;
    const auto value = system_.ddc->read(display, *feature, &error);
    if (!value)
        return replyFor(error);
    if (*feature == VcpFeature::InputSource)
        return inputName(value->current);
    if (*feature == VcpFeature::PowerMode)
        return value->current == 1 ? QStringLiteral("on") : value->current == 2 || value->current == 3
                                                                ? QStringLiteral("standby")
                                                                : QStringLiteral("off");
    return QString::number(toPercent(*value));
}

bool IssdDisplayProperties::isLayoutProperty(const QString &name)
{
    return name == u"enabled" || name == u"mode" || name == u"position" || name == u"rotation" ||
           name == u"primary";
}

Reply IssdDisplayProperties::replyFor(const BackendResult &result)
{
    switch (result.kind) {
    case BackendResult::Kind::Ok:
        return Reply::ok();
    case BackendResult::Kind::Unsupported:
        return Reply::error(kErrUnsupported, result.message);
    case BackendResult::Kind::InvalidValue:
        return Reply::error(kErrParam, result.message);
    case BackendResult::Kind::Busy:
        return Reply::error(kErrBusy, result.message);
    case BackendResult::Kind::Unavailable:
        return Reply::error(kErrUnavailable, result.message);
    case BackendResult::Kind::Failed:
        break;
    }
    return Reply::error(kErrFailed, result.message);
}

IssdDisplayProperties::SetOutcome IssdDisplayProperties::set(const DisplayInfo &display,
                                                             const Properties &changes, bool force)
{
    static const QStringList kReadOnly = {
        QStringLiteral("id"), QStringLiteral("connector"), QStringLiteral("manufacturer"),
        QStringLiteral("model"), QStringLiteral("serial"), QStringLiteral("connected"),
        QStringLiteral("modes"), QStringLiteral("preferred-mode"), QStringLiteral("rotations"),
        QStringLiteral("scale"), QStringLiteral("physical-size"), QStringLiteral("ddc"),
        QStringLiteral("power-modes"), QStringLiteral("power-off-recoverable")};
    SetOutcome outcome;
    outcome.previousLayout = display.layout;
    const auto fail = [&](int code, const QString &text) {
        outcome.reply = Reply::error(code, text);
        return outcome;
    };

    // 1. Parse and check everything before touching anything.
    display::LayoutChange layout{display.connector, {}, {}, {}, {}, {}};
    std::optional<display::PowerState> power;
    QList<std::pair<VcpFeature, int>> vcpWrites; // percent for brightness/contrast, code for input
    std::optional<QString> label;
    for (const auto &[name, value] : changes) {
        const auto bad = [&, &name = name](const QString &expected) {
            return fail(kErrParam, QStringLiteral("%1 must be %2").arg(name, expected));
        };
        if (kReadOnly.contains(name))
            return fail(kErrParam, QStringLiteral("%1 is read-only").arg(name));
        if (name == u"label") {
            if (value.size() > 64)
                return bad(QStringLiteral("at most 64 characters"));
            label = value;
        } else if (name == u"enabled" || name == u"primary") {
            const auto flag = parseYesNo(value);
            if (!flag)
                return bad(QStringLiteral("yes or no"));
            (name == u"enabled" ? layout.enabled : layout.primary) = *flag;
        } else if (name == u"mode") {
            const auto mode = display::DisplayMode::parse(value);
            if (!mode)
                return bad(QStringLiteral("WxH or WxH@Hz"));
            const bool decimals = value.contains(u'.');
            if (std::none_of(display.modes.begin(), display.modes.end(),
                             [&](const display::DisplayMode &m) { return m.matches(*mode, decimals); }))
                return fail(kErrParam, QStringLiteral("%1 has no mode %2").arg(display.connector, value));
            layout.mode = mode;
        } else if (name == u"position") {
            layout.position = parsePosition(value);
            if (!layout.position)
                return bad(QStringLiteral("x,y"));
        } else if (name == u"rotation") {
            bool ok = false;
            const int deg = value.toInt(&ok);
            if (!ok || (deg != 0 && deg != 90 && deg != 180 && deg != 270))
                return bad(QStringLiteral("0, 90, 180 or 270"));
            if (!display.rotationsDeg.contains(deg))
                return fail(kErrUnsupported,
                            QStringLiteral("%1 cannot rotate to %2 degrees").arg(display.connector).arg(deg));
            layout.rotationDeg = deg;
        } else if (name == u"power") {
            power = display::powerStateFromName(value);
            if (!power)
                return bad(QStringLiteral("on, standby or off"));
        } else if (name == u"brightness" || name == u"contrast") {
            const auto percent = parsePercent(value);
            if (!percent)
                return bad(QStringLiteral("0..100"));
            vcpWrites.append({name == u"brightness" ? VcpFeature::Brightness : VcpFeature::Contrast, *percent});
        } else if (name == u"input") {
            const auto code = parseInput(value);
            if (!code)
                return bad(QStringLiteral("dp1, dp2, hdmi1, hdmi2, dvi1, dvi2, vga1, vga2 or 0xNN"));
            vcpWrites.append({VcpFeature::InputSource, *code});
        } else {
            return fail(kErrUnsupported, QStringLiteral("no property %1").arg(name));
        }
    }
    if (!layout.isEmpty() && !system_.layout->canChangeLayout())
        return fail(kErrUnsupported, QStringLiteral("the %1 backend cannot change the layout")
                                         .arg(system_.layout->name()));
    if (power && !hasPower(display))
        return fail(kErrUnsupported, QStringLiteral("%1 has no power control here").arg(display.connector));
    if (!vcpWrites.isEmpty() && !ddcReaches(display))
        return fail(kErrUnsupported, QStringLiteral("%1 does not answer DDC/CI").arg(display.connector));
    const bool powerByDdc = power && !system_.power;
    if (power == display::PowerState::Off && powerByDdc && !force)
        return fail(kErrDenied, QStringLiteral("power=off cannot be undone remotely on this display; "
                                               "use standby or force=yes"));

    // 2. Apply: the layout as one backend transaction, then power and DDC.
    if (!layout.isEmpty()) {
        if (const BackendResult result = system_.layout->applyLayout({layout}); !result.isOk()) {
            outcome.reply = replyFor(result);
            return outcome;
        }
        outcome.changedLayout = true;
    }
    const auto undoLayout = [&] {
        if (outcome.changedLayout)
            restoreLayout(display, outcome.previousLayout);
        outcome.changedLayout = false;
    };
    if (power) {
        const BackendResult result =
            powerByDdc ? system_.ddc->write(display, VcpFeature::PowerMode,
                                            *power == display::PowerState::On        ? 1
                                            : *power == display::PowerState::Standby ? 2
                                                                                     : 4)
                       : system_.power->setPower(*power);
        if (!result.isOk()) {
            undoLayout();
            outcome.reply = replyFor(result);
            return outcome;
        }
    }
    for (const auto &[feature, value] : vcpWrites) {
        BackendResult result;
        int raw = value;
        if (feature != VcpFeature::InputSource) {
            const auto current = system_.ddc->read(display, feature, &result);
            raw = current && current->maximum > 0 ? (value * current->maximum + 50) / 100 : value;
        }
        if (result.isOk())
            result = system_.ddc->write(display, feature, raw);
        if (!result.isOk()) {
            undoLayout();
            outcome.reply = replyFor(result);
            return outcome;
        }
    }
    if (label) {
        if (label->isEmpty())
            labels_.remove(display.id);
        else
            labels_.insert(display.id, *label);
    }
    outcome.reply = Reply::ok();
    return outcome;
}

BackendResult IssdDisplayProperties::restoreLayout(const DisplayInfo &display,
                                                   const display::DisplayLayout &layout)
{
    display::LayoutChange change{display.connector, layout.enabled, {}, {}, {}, layout.primary};
    if (layout.enabled) {
        change.mode = layout.mode;
        change.position = layout.position;
        change.rotationDeg = layout.rotationDeg;
    }
    return system_.layout->applyLayout({change});
}

} // namespace baton::issd
