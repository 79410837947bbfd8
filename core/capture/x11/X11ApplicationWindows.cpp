#include "core/capture/x11/X11ApplicationWindows.h"

#include "core/capture/x11/XcbConnection.h"

#include <algorithm>
#include <cstring>

namespace baton {
namespace {

// Deep enough for every reparenting window manager we know (frame → client, or
// frame → decoration parent → client).
constexpr int kMaxFrameDepth = 3;

xcb_window_t firstWindow(const std::optional<QByteArray> &value)
{
    if (!value || value->size() < int(sizeof(uint32_t)))
        return XCB_WINDOW_NONE;
    uint32_t id = 0;
    std::memcpy(&id, value->constData(), sizeof id);
    return id;
}

} // namespace

bool belongsToApplication(const X11WindowFacts &candidate, const X11WindowFacts &main,
                          std::span<const X11WindowFacts> members)
{
    if (candidate.window == main.window || candidate.clientBase == main.clientBase)
        return true;
    if (candidate.leader != XCB_WINDOW_NONE &&
        (candidate.leader == main.leader || candidate.leader == main.window))
        return true;
    if (candidate.pid != 0 && candidate.pid == main.pid && candidate.machine == main.machine)
        return true;
    if (candidate.transientFor == XCB_WINDOW_NONE)
        return false;
    return std::any_of(members.begin(), members.end(), [&](const X11WindowFacts &member) {
        return candidate.transientFor == member.window || candidate.transientFor == member.topLevel;
    });
}

X11ApplicationWindows::X11ApplicationWindows(XcbConnection &connection, xcb_window_t main,
                                             ShareScope scope)
    : connection_(connection),
      main_(main),
      scope_(scope),
      resourceMask_(xcb_get_setup(connection.get())->resource_id_mask)
{
}

xcb_window_t X11ApplicationWindows::topLevelOf(xcb_window_t window)
{
    xcb_connection_t *c = connection_.get();
    while (window != XCB_WINDOW_NONE) {
        XcbReply<xcb_query_tree_reply_t> tree(
            xcb_query_tree_reply(c, xcb_query_tree(c, window), nullptr));
        if (!tree || tree->parent == tree->root || tree->parent == XCB_WINDOW_NONE)
            return window;
        window = tree->parent;
    }
    return window;
}

xcb_window_t X11ApplicationWindows::clientWindow(xcb_window_t window, int depth)
{
    // The client window is the one a window manager marked with WM_STATE.
    if (connection_.property(window, connection_.atom("WM_STATE")))
        return window;
    if (depth == kMaxFrameDepth)
        return XCB_WINDOW_NONE;
    xcb_connection_t *c = connection_.get();
    XcbReply<xcb_query_tree_reply_t> tree(
        xcb_query_tree_reply(c, xcb_query_tree(c, window), nullptr));
    if (!tree)
        return XCB_WINDOW_NONE;
    const xcb_window_t *children = xcb_query_tree_children(tree.get());
    for (int i = xcb_query_tree_children_length(tree.get()) - 1; i >= 0; --i)
        if (const xcb_window_t client = clientWindow(children[i], depth + 1))
            return client;
    return XCB_WINDOW_NONE;
}

X11WindowFacts X11ApplicationWindows::readFacts(xcb_window_t topLevel, bool overrideRedirect)
{
    X11WindowFacts facts;
    facts.topLevel = topLevel;
    facts.overrideRedirect = overrideRedirect;
    facts.window = topLevel;
    if (!overrideRedirect) {
        // Without a window manager nothing has WM_STATE: the top-level is the client.
        if (const xcb_window_t client = clientWindow(topLevel, 0))
            facts.window = client;
    }
    facts.clientBase = facts.window & ~resourceMask_;
    facts.leader = firstWindow(
        connection_.property(facts.window, connection_.atom("WM_CLIENT_LEADER"), XCB_ATOM_WINDOW));
    facts.transientFor =
        firstWindow(connection_.property(facts.window, XCB_ATOM_WM_TRANSIENT_FOR, XCB_ATOM_WINDOW));
    facts.pid = connection_.pid(facts.window);
    if (facts.pid != 0)
        facts.machine =
            connection_.property(facts.window, XCB_ATOM_WM_CLIENT_MACHINE).value_or(QByteArray());
    return facts;
}

std::vector<X11ApplicationWindows::Member> X11ApplicationWindows::scan()
{
    xcb_connection_t *c = connection_.get();
    std::vector<Member> members;
    if (scope_ == ShareScope::Window) {
        if (connection_.isViewable(main_))
            members.push_back(
                {X11WindowFacts{main_, main_, 0, {}, 0, {}, {}, false}, SharedWindow::Kind::Main});
        return members;
    }

    const xcb_window_t mainTop = topLevelOf(main_);
    XcbReply<xcb_query_tree_reply_t> tree(
        xcb_query_tree_reply(c, xcb_query_tree(c, connection_.root()), nullptr));
    if (!tree)
        return members;
    const xcb_window_t *children = xcb_query_tree_children(tree.get());
    const int count = xcb_query_tree_children_length(tree.get());
    // One round trip for every top-level's attributes: a desktop has dozens.
    std::vector<xcb_get_window_attributes_cookie_t> cookies;
    cookies.reserve(std::size_t(count));
    for (int i = 0; i < count; ++i)
        cookies.push_back(xcb_get_window_attributes(c, children[i]));

    struct Viewable {
        xcb_window_t topLevel;
        bool overrideRedirect;
    };
    std::vector<Viewable> viewable;
    for (int i = 0; i < count; ++i) {
        XcbReply<xcb_get_window_attributes_reply_t> attributes(
            xcb_get_window_attributes_reply(c, cookies[std::size_t(i)], nullptr));
        if (attributes && attributes->map_state == XCB_MAP_STATE_VIEWABLE &&
            attributes->_class == XCB_WINDOW_CLASS_INPUT_OUTPUT)
            viewable.push_back({children[i], attributes->override_redirect != 0});
    }
    // Forget windows that went away, so a recycled id is read afresh.
    std::erase_if(facts_, [&](const auto &entry) {
        return std::none_of(viewable.begin(), viewable.end(),
                            [&](const Viewable &v) { return v.topLevel == entry.first; });
    });

    const auto factsOf = [&](const Viewable &v) -> const X11WindowFacts & {
        auto found = facts_.find(v.topLevel);
        if (found == facts_.end())
            found = facts_.emplace(v.topLevel, readFacts(v.topLevel, v.overrideRedirect)).first;
        return found->second;
    };
    X11WindowFacts main;
    for (const Viewable &v : viewable)
        if (v.topLevel == mainTop)
            main = factsOf(v);
    if (main.window != main_) {
        // Not viewable now (or its client is not where we looked): its own facts still
        // find its popups and dialogs, which may outlive a hidden main window.
        main = readFacts(main_, false);
        main.window = main_;
        main.topLevel = mainTop;
        main.clientBase = main_ & ~resourceMask_;
    }

    // Two passes, so a dialog stacked below the dialog it is transient for still joins.
    std::vector<X11WindowFacts> found{main};
    for (int pass = 0; pass < 2; ++pass) {
        for (const Viewable &v : viewable) {
            const X11WindowFacts &facts = factsOf(v);
            const bool known = std::any_of(found.begin(), found.end(), [&](const auto &f) {
                return f.topLevel == facts.topLevel;
            });
            if (!known && belongsToApplication(facts, main, found))
                found.push_back(facts);
        }
    }
    for (const Viewable &v : viewable) {
        const X11WindowFacts &facts = factsOf(v);
        if (v.topLevel == mainTop) {
            members.push_back({facts, SharedWindow::Kind::Main});
            members.back().facts.window = main_;
            continue;
        }
        const bool member = std::any_of(found.begin() + 1, found.end(), [&](const auto &f) {
            return f.topLevel == facts.topLevel;
        });
        if (member)
            members.push_back(
                {facts,
                 facts.overrideRedirect ? SharedWindow::Kind::Popup : SharedWindow::Kind::Window});
    }
    return members;
}

} // namespace baton
