#include "core/display/DisplayTypes.h"

#include <QRegularExpression>

#include <cmath>

namespace baton::display {

QString DisplayMode::toString() const
{
    const QString size = QStringLiteral("%1x%2").arg(width).arg(height);
    if (refreshHz <= 0)
        return size;
    // Two decimals at most, trailing zeros dropped: 60, 59.94, 75.5.
    QString rate = QString::number(refreshHz, 'f', 2);
    while (rate.endsWith(u'0'))
        rate.chop(1);
    if (rate.endsWith(u'.'))
        rate.chop(1);
    return size + u'@' + rate;
}

std::optional<DisplayMode> DisplayMode::parse(QStringView text)
{
    static const QRegularExpression pattern(
        QStringLiteral("^([1-9][0-9]{0,4})x([1-9][0-9]{0,4})(?:@([0-9]{1,3}(?:\\.[0-9]{1,2})?))?$"));
    const auto match = pattern.match(text.toString());
    if (!match.hasMatch())
        return std::nullopt;
    DisplayMode mode;
    mode.width = match.capturedView(1).toInt();
    mode.height = match.capturedView(2).toInt();
    if (match.hasCaptured(3))
        mode.refreshHz = match.capturedView(3).toDouble();
    if (mode.width > 32767 || mode.height > 32767 || (match.hasCaptured(3) && mode.refreshHz <= 0))
        return std::nullopt;
    return mode;
}

bool DisplayMode::matches(const DisplayMode &requested, bool requestedHasDecimals) const
{
    if (width != requested.width || height != requested.height)
        return false;
    if (requested.refreshHz <= 0)
        return true;
    const double tolerance = requestedHasDecimals ? 0.01 : 0.5;
    return std::abs(refreshHz - requested.refreshHz) < tolerance + 1e-9;
}

QString powerStateName(PowerState state)
{
    switch (state) {
    case PowerState::On:
        return QStringLiteral("on");
    case PowerState::Standby:
        return QStringLiteral("standby");
    case PowerState::Off:
        return QStringLiteral("off");
    }
    return {};
}

std::optional<PowerState> powerStateFromName(QStringView name)
{
    for (PowerState state : {PowerState::On, PowerState::Standby, PowerState::Off}) {
        if (name == powerStateName(state))
            return state;
    }
    return std::nullopt;
}

} // namespace baton::display
