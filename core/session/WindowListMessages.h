#pragma once

#include "core/capture/SharedWindow.h"
#include "core/capture/WindowInfo.h"
#include "core/protocol/WindowListPdu.h"

namespace baton {

// The host's WindowList (docs/protocol.md §12): one Shared record per window of the share,
// topmost first, at its place on the desktop (share's geometry plus its place in the
// picture), then the ShareArea record: the picture on the desktop, with the main window's
// id, title and hidden state. A viewer of 1.1, which takes the title and the hidden state
// from the last Shared record, reads the main window's there. At most the topmost
// WindowListPdu::kMaxWindows - 1 windows are listed.
protocol::WindowListPdu windowListPdu(const WindowInfo &share, const SharedWindows &windows,
                                      bool mainHidden);

} // namespace baton
