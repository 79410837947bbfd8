#pragma once

#include <QString>

class QWidget;

namespace baton::sharedapp {

// Writes the window's own picture, as the application paints it (QWidget::grab), as PNG
// to path: the reference a test compares a share's picture with where it cannot read
// the screen itself (a Wayland compositor shows no client another's pixels). Says
// "picture: failed PATH" and returns false when it cannot be written.
bool saveWindowPicture(QWidget &window, const QString &path);

} // namespace baton::sharedapp
