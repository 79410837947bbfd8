<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ViewerRateMeter</name>
    <message>
        <source>Delay —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delay %1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 fps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Mbit/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 kbit/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <comment>delay · frame rate · bandwidth</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>baton::ScreenShareDisplay</name>
    <message>
        <source>Baton share on %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>baton::ViewerWidget</name>
    <message>
        <source>Shared window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joining…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shared window is hidden.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>baton::demo::DemoCanvas</name>
    <message>
        <source>Drawing canvas</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>baton::demo::DemoChart</name>
    <message>
        <source>Live chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>frame %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>baton::demo::DemoWindow</name>
    <message>
        <source>Baton Demo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drawing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live chart</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>baton::ui::AgentAddressForm</name>
    <message>
        <source>&amp;Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>room-3 or 192.0.2.7:1600</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept in memory for this session only, never saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to the agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;ddress:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>K&amp;ey id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Secret:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not an address: write a host name or IP address, optionally followed by :port.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>baton::ui::AgentConnection</name>
    <message>
        <source>The agent at %1 shows a different certificate than the last time. It may have been reinstalled, or someone may be impersonating it. Baton did not log in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The panel will not see changes as they happen: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent at %1 did not accept the secret for the key “%2”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lost the connection to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the connection to the agent ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not list the displays: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The display went back to its previous setting: the change was not kept in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent could not put the previous setting back (code %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The share is shown on the display.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The share could not be shown: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The share was taken off the display: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent at %1 is shutting down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The display was not changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new setting is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The setting could not be kept: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The previous setting is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The previous setting could not be put back: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The display shows its number now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The display could not be identified: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No snapshot: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent&apos;s snapshot could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The display is joining your share…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The share was taken off the display.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was taken off: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not connect to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>baton::ui::AgentListModel</name>
    <message>
        <source>%1 (%2)</source>
        <comment>agent name (address)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — certificate changed!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>primary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>baton::ui::BatonDesktop</name>
    <message>
        <source>Share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Displays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sharing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · %1 has control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Sharing “%1” · %n viewer(s)</source>
        <translation>
            <numerusform>Sharing “%1” · %n viewer</numerusform>
            <numerusform>Sharing “%1” · %n viewers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>baton::ui::ControlRequestPopup</name>
    <message>
        <source>&amp;Approve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Deny</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Control request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 asks for control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; asks for control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They will use the shared window with their keyboard and mouse until you take control back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve %1&apos;s request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deny %1&apos;s request</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>baton::ui::DemoStory</name>
    <message>
        <source>the share has no invite link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo viewer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>baton::ui::DisplayActionsBar</name>
    <message>
        <source>&amp;Identify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;napshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;how my share here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Take it off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the display&apos;s number on it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take a snapshot of what the display shows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show my share on this display</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the share off this display</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapshot of the display</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This agent cannot show shares (it runs without a desktop).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start sharing first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No snapshot yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>baton::ui::DisplayPropertiesEditor</name>
    <message>
        <source>&amp;Primary display</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Primary display</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brightness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Power</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply the changed display settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;otation:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Brightness:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Po&amp;wer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1°</source>
        <comment>rotation in degrees</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Standby</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This agent cannot change modes, rotation or the primary display.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agent did not report this property.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maker: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Id: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No display selected.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>baton::ui::DisplaysPanel</name>
    <message>
        <source>&amp;Find agents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Displays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agents and their displays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find display agents on the network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the chosen agent from the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Displays status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1 with its new certificate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not look for agents: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for agents…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;gents:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>baton::ui::FingerprintWarning</name>
    <message>
        <source>Certificate warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust the agent&apos;s new certificate and connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: the certificate of %1 has changed.
%2

Pinned:  %3
Now:     %4

Trust the new certificate only if you know why it changed, for example because the agent was reinstalled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tr&amp;ust the new certificate</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>baton::ui::FloorIndicator</name>
    <message>
        <source>You are in control: your keyboard and mouse go to the shared window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are in control</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>baton::ui::InviteView</name>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the invite link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite &amp;link:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passcode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start sharing to get a link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>baton::ui::JoinForm</name>
    <message>
        <source>Or enter the details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>baton://host:port/session?fp=…&amp;code=…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite link</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Invite link:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>laptop.example.org or 192.0.2.7</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>64 hexadecimal digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host&apos;s certificate fingerprint, shown with its invite link: it proves you reach the right computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>if the host gave you one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session I&amp;D:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finger&amp;print:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass&amp;code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the link still needs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste an invite link, or enter the host&apos;s address, session ID and fingerprint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the host&apos;s address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a host name or an IP address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the session ID: the part of the invite link after the port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the host&apos;s certificate fingerprint: it proves you reach the right computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate fingerprint must be 64 hexadecimal digits.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>baton::ui::JoinPanel</name>
    <message>
        <source>&amp;Join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join a shared window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste the invite link the host sent you, or type its parts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join the session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a viewer window on this session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rece&amp;nt sessions:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>baton::ui::MainWindow</name>
    <message>
        <source>Sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharing status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sharing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Baton</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (Ctrl+%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Baton</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Baton %1&lt;/h3&gt;&lt;p&gt;Share one application window with many viewers, and pass control between them like a baton.&lt;/p&gt;&lt;p&gt;Updates travel as T.128 application-sharing PDUs over TLS.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>baton::ui::ParticipantsModel</name>
    <message>
        <source>Viewing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requesting control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offered control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>measuring…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bandwidth</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>baton::ui::ParticipantsView</name>
    <message>
        <source>&amp;Grant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Deny</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass &amp;to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;voke</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take &amp;back control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Participants:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grant control to the selected participant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deny the selected participant&apos;s request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass control to the selected participant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revoke control from the selected participant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected participant from the share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take back control of the shared window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody but you drives the shared window until you grant or pass control again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grant automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collaborate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Control policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask me: you approve every request. Grant automatically: the first to ask gets control when it is free. Collaborate: whoever acts takes control.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the host removed you from the share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Control polic&amp;y:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>baton::ui::QrCodeWidget</name>
    <message>
        <source>QR code of the invite link</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>baton::ui::RecentSessionsList</name>
    <message>
        <source>Recent sessions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Enter or double-click to join again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — session %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions you join appear here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>baton::ui::RevertCountdownBar</name>
    <message>
        <source>&amp;Keep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the new display setting?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the new display setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go back to the previous display setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Keep this display setting? It goes back by itself in %n second(s).</source>
        <translation>
            <numerusform>Keep this display setting? It goes back by itself in %n second.</numerusform>
            <numerusform>Keep this display setting? It goes back by itself in %n seconds.</numerusform>
        </translation>
    </message>
    <message>
        <source>Going back to the previous setting…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>baton::ui::SettingsDialog</name>
    <message>
        <source>Ask me for every request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grant when nobody has control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collaborate: anyone may take control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (lossless text, video for motion)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lossless tiles only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plain T.128 (older viewers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>H.264 video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AV1 video</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Baton Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Display name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any free port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Control policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preferred codec</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum frames per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> fps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Panic shortcut</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Takes control back from any viewer, wherever the focus is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate fingerprint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Viewers&apos; invite links pin this certificate. Compare it with what a viewer sees before trusting the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Display name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default &amp;port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Control &amp;requests:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preferred &amp;codec:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Maximum frame rate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pa&amp;nic shortcut:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate &amp;fingerprint:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>baton::ui::SharePanel</name>
    <message>
        <source>&amp;Start sharing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>St&amp;op sharing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start sharing the selected window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop sharing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharing status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window to share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Participants and control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This window cannot be shared: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharing did not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a window is already being shared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharing “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharing ended: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>viewer %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Port %1 was taken, so another one is used.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>baton::ui::ShareableWindowsModel</name>
    <message>
        <source>(untitled %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
%2, %3 × %4 pixels</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>baton::ui::SharedWindowFrame</name>
    <message>
        <source>Baton: frame around the shared window</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>baton::ui::TrayIcon</name>
    <message>
        <source>&amp;Take control back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Baton: sharing “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Baton: not sharing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;Baton</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop sharing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>baton::ui::ViewerStatusBanner</name>
    <message>
        <source>Session message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss this message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>baton::ui::ViewerToolbar</name>
    <message>
        <source>Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Request control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;lease control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pass control to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Fit to window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session controls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the host for control of the shared window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give control back, or withdraw your request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand control to another participant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale the picture to the window instead of showing it pixel for pixel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Join the same session again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who is in control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Link quality</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update delay, frames per second and bandwidth over the last second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (host)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody else is here</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>baton::ui::ViewerWindow</name>
    <message>
        <source>&amp;Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Decline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared window, scrollable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the session and close this window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are offered control of the shared window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You left the session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host ended the session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shared window was closed on the host, so the session ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host removed you from the session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to the host was lost (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host has hidden or minimised the shared window. The picture comes back when it is shown again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the host to give you control…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This session is view-only: the host does not let viewers take control.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many people are waiting for control. Try again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host is using the shared window. Try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That participant is no longer in the session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your request for control expired before the host answered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host declined your request for control.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host used the shared window, so control went back to the host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Control went back to the host after a minute without input from you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host took control back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In control: you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In control: %1 (you asked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In control: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>participant %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (host)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected to %1 — Baton</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joining %1 — Baton</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2 (ended) — Baton</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2 — Baton</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L&amp;eave session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joining %1:%2…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>baton::ui::WindowPicker</name>
    <message>
        <source>Part of a window title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search windows by title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Windows that can be shared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window list status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Windows cannot be listed on this desktop (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No window can be shared right now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searc&amp;h windows:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Room display on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Baton: share one application window with many viewers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed for the demo&apos;s content.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a PNG of the window to FILE, then quit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Milliseconds to run before the screenshot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the demo window only, without sharing it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the ISSD display agent that can show shares on this machine&apos;s screens; must come first, followed by its own options (baton --agent --help).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortcut that takes control back from any viewer (kept in the settings).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
