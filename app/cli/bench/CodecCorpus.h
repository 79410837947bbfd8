#pragma once

#include "codecs/frame/Frame.h"

#include <QString>

#include <vector>

namespace baton::cli {

struct CorpusItem {
    QString name;
    QString kind; // "text", "ui", "photo" or "video": the targets apply per kind
    Frame frame;
};

// The codec benchmark's corpus, the same pixels on every run of one machine:
// demo-application text pages and UI widgets rendered offscreen with Qt Gui, an xterm
// captured from the X server when DISPLAY is set, a photograph from a Debian package
// (gnome-backgrounds) when installed, and the first picture of the video sequence.
// Items that cannot be made here are left out and named in *skipped.
std::vector<CorpusItem> makeCodecCorpus(QStringList *skipped);

// Picture `index` of the video-like synthetic sequence: drifting gradients, soft moving
// blobs and a panning texture, as in a film or an animation.
Frame videoSequenceFrame(int32_t width, int32_t height, int index);

} // namespace baton::cli
