#include "WindowPicture.h"

#include "Say.h"

#include <QPixmap>
#include <QWidget>

namespace baton::sharedapp {

bool saveWindowPicture(QWidget &window, const QString &path)
{
    if (window.grab().save(path, "PNG"))
        return true;
    say(QStringLiteral("picture: failed ") + path);
    return false;
}

} // namespace baton::sharedapp
