#include "StableStyle.h"

#include <QStyleFactory>

namespace baton::sharedapp {
namespace {

constexpr int kToolTipWakeUpMs = 50;

} // namespace

StableStyle::StableStyle() : QProxyStyle(QStyleFactory::create(QStringLiteral("Fusion")))
{
}

int StableStyle::styleHint(StyleHint hint, const QStyleOption *option, const QWidget *widget,
                           QStyleHintReturn *returnData) const
{
    if (hint == SH_ToolTip_WakeUpDelay)
        return kToolTipWakeUpMs;
    return QProxyStyle::styleHint(hint, option, widget, returnData);
}

} // namespace baton::sharedapp
