#pragma once

#include <QProxyStyle>

namespace baton::sharedapp {

// Fusion, the same on every machine whatever the desktop's theme, with tooltips that
// come at once: a test hovers a button and compares pictures, and Qt's default wait
// (700 ms) would only slow it down.
class StableStyle : public QProxyStyle {
public:
    StableStyle();

    int styleHint(StyleHint hint, const QStyleOption *option = nullptr,
                  const QWidget *widget = nullptr,
                  QStyleHintReturn *returnData = nullptr) const override;
};

} // namespace baton::sharedapp
