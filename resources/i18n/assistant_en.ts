<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>app</name>
    <message>
        <source>tray.tooltip</source>
        <translation>Etiquette assistant — {state}</translation>
    </message>
    <message>
        <source>tray.state.listening</source>
        <translation>Listening</translation>
    </message>
    <message>
        <source>tray.state.paused</source>
        <translation>Listening paused</translation>
    </message>
    <message>
        <source>tray.state.device_lost</source>
        <translation>Audio device lost, reconnecting</translation>
    </message>
    <message>
        <source>tray.state.stopped</source>
        <translation>Not listening</translation>
    </message>
    <message>
        <source>tray.pause</source>
        <translation>Pause listening</translation>
    </message>
    <message>
        <source>tray.resume</source>
        <translation>Resume listening</translation>
    </message>
    <message>
        <source>tray.call.title</source>
        <translation>Mark a call event</translation>
    </message>
    <message>
        <source>tray.call.ring</source>
        <translation>Phone ringing</translation>
    </message>
    <message>
        <source>tray.call.start</source>
        <translation>Answered (call start)</translation>
    </message>
    <message>
        <source>tray.call.hold</source>
        <translation>Hold (lookup)</translation>
    </message>
    <message>
        <source>tray.call.resume</source>
        <translation>Back from hold</translation>
    </message>
    <message>
        <source>tray.call.end</source>
        <translation>Call ended</translation>
    </message>
    <message>
        <source>tray.overlay</source>
        <translation>Show the overlay</translation>
    </message>
    <message>
        <source>tray.settings</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>tray.replay</source>
        <translation>Replay (comes with sessions)</translation>
    </message>
    <message>
        <source>tray.quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>settings.title</source>
        <translation>Etiquette assistant — Settings</translation>
    </message>
    <message>
        <source>settings.general</source>
        <translation>General</translation>
    </message>
    <message>
        <source>settings.lang</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>settings.agent_name</source>
        <translation>Agent name</translation>
    </message>
    <message>
        <source>settings.agent_id</source>
        <translation>Agent ID (工号)</translation>
    </message>
    <message>
        <source>settings.audio</source>
        <translation>Audio devices</translation>
    </message>
    <message>
        <source>settings.agent_device</source>
        <translation>Agent microphone</translation>
    </message>
    <message>
        <source>settings.caller_device</source>
        <translation>Caller audio (softphone loopback)</translation>
    </message>
    <message>
        <source>settings.default_device</source>
        <translation>System default input</translation>
    </message>
    <message>
        <source>settings.no_caller</source>
        <translation>None (agent only)</translation>
    </message>
    <message>
        <source>settings.no_devices</source>
        <translation>No audio input devices: {detail}</translation>
    </message>
    <message>
        <source>settings.meter_hint</source>
        <translation>Speak into the microphone: its bar should move</translation>
    </message>
    <message>
        <source>settings.meter_error</source>
        <translation>cannot open it: {error}</translation>
    </message>
    <message>
        <source>settings.pack</source>
        <translation>Prompt pack</translation>
    </message>
    <message>
        <source>settings.pack_default</source>
        <translation>Default pack ({lang})</translation>
    </message>
    <message>
        <source>settings.pack_choose</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>settings.pack_reset</source>
        <translation>Use default</translation>
    </message>
    <message>
        <source>settings.pack_ok</source>
        <translation>{id} {version} ({lang}), {n} rules on</translation>
    </message>
    <message>
        <source>settings.pack_broken</source>
        <translation>The pack has problems; the previous pack stays in use:</translation>
    </message>
    <message>
        <source>settings.models</source>
        <translation>Speech models</translation>
    </message>
    <message>
        <source>settings.model_installed</source>
        <translation>installed</translation>
    </message>
    <message>
        <source>settings.model_missing</source>
        <translation>not installed: phrase checks off, acoustic checks still run</translation>
    </message>
    <message>
        <source>settings.model_install</source>
        <translation>Download</translation>
    </message>
    <message>
        <source>settings.model_from_zip</source>
        <translation>From zip…</translation>
    </message>
    <message>
        <source>settings.model_installing</source>
        <translation>Installing…</translation>
    </message>
    <message>
        <source>settings.model_done</source>
        <translation>installed at {path}</translation>
    </message>
    <message>
        <source>settings.hotkeys</source>
        <translation>Call hotkeys</translation>
    </message>
    <message>
        <source>settings.hotkeys_note</source>
        <translation>The overlay never takes keyboard focus, so hotkeys are bound by the desktop: add each command below under its keyboard-shortcut settings.</translation>
    </message>
    <message>
        <source>settings.hotkeys_copy</source>
        <translation>Copy GNOME binding script</translation>
    </message>
    <message>
        <source>settings.hotkeys_copied</source>
        <translation>Copied to the clipboard</translation>
    </message>
    <message>
        <source>settings.hotkey.start</source>
        <translation>Answered</translation>
    </message>
    <message>
        <source>settings.hotkey.hold</source>
        <translation>Hold</translation>
    </message>
    <message>
        <source>settings.hotkey.resume</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>settings.hotkey.end</source>
        <translation>End</translation>
    </message>
    <message>
        <source>settings.lang.zh</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>settings.lang.en</source>
        <translation>English</translation>
    </message>
    <message>
        <source>settings.save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>settings.cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>overlay</name>
    <message>
        <source>app.title</source>
        <translation>Etiquette assistant</translation>
    </message>
    <message>
        <source>phase.idle</source>
        <translation>Waiting for a call</translation>
    </message>
    <message>
        <source>phase.greeting</source>
        <translation>Opening</translation>
    </message>
    <message>
        <source>phase.conversation</source>
        <translation>In conversation</translation>
    </message>
    <message>
        <source>phase.hold</source>
        <translation>On hold</translation>
    </message>
    <message>
        <source>phase.closing</source>
        <translation>Closing</translation>
    </message>
    <message>
        <source>phase.ended</source>
        <translation>Call ended</translation>
    </message>
    <message>
        <source>idle.hint</source>
        <translation>Prompts appear here once a call starts</translation>
    </message>
    <message>
        <source>listening.listening</source>
        <translation>Listening</translation>
    </message>
    <message>
        <source>listening.paused</source>
        <translation>Listening paused</translation>
    </message>
    <message>
        <source>listening.stopped</source>
        <translation>Not listening</translation>
    </message>
    <message>
        <source>listening.reconnecting</source>
        <translation>Reconnecting</translation>
    </message>
    <message>
        <source>listening.paused_detail</source>
        <translation>Prompts are paused; resume from the tray icon</translation>
    </message>
    <message>
        <source>status.no_model</source>
        <translation>No speech model — these checks are off: {checks}</translation>
    </message>
    <message>
        <source>status.install</source>
        <translation>Install: {hint}</translation>
    </message>
    <message>
        <source>status.no_model_short</source>
        <translation>No speech model: {n} phrase checks are off</translation>
    </message>
    <message>
        <source>status.device_lost</source>
        <translation>{channel} device lost ({device}) — reconnecting…</translation>
    </message>
    <message>
        <source>status.no_caller</source>
        <translation>No caller channel: pace matching and overtalk checks are off</translation>
    </message>
    <message>
        <source>channel.agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>channel.caller</source>
        <translation>Caller</translation>
    </message>
    <message>
        <source>hold.waited</source>
        <translation>Caller waiting {s} s</translation>
    </message>
    <message>
        <source>hold.next</source>
        <translation>s to update</translation>
    </message>
    <message>
        <source>hold.due</source>
        <translation>Tell the caller how it is going</translation>
    </message>
    <message>
        <source>hold.due_short</source>
        <translation>Update</translation>
    </message>
    <message>
        <source>hold.talking</source>
        <translation>Updating…</translation>
    </message>
    <message>
        <source>hold.every</source>
        <translation>Update every {s} s</translation>
    </message>
    <message>
        <source>pace.title</source>
        <translation>Pace</translation>
    </message>
    <message>
        <source>pace.you</source>
        <translation>You</translation>
    </message>
    <message>
        <source>pace.caller</source>
        <translation>Caller</translation>
    </message>
    <message>
        <source>pace.unit_chars</source>
        <translation>chars/min</translation>
    </message>
    <message>
        <source>pace.unit_syllables</source>
        <translation>syll/min</translation>
    </message>
    <message>
        <source>pace.in_step</source>
        <translation>In step with the caller</translation>
    </message>
    <message>
        <source>pace.in_range</source>
        <translation>Comfortable pace</translation>
    </message>
    <message>
        <source>pace.fast</source>
        <translation>Faster than the caller</translation>
    </message>
    <message>
        <source>pace.slow</source>
        <translation>Slower than the caller</translation>
    </message>
    <message>
        <source>pace.too_fast</source>
        <translation>Too fast</translation>
    </message>
    <message>
        <source>pace.too_slow</source>
        <translation>Too slow</translation>
    </message>
    <message>
        <source>pace.measuring</source>
        <translation>Measuring pace…</translation>
    </message>
    <message>
        <source>pace.band</source>
        <translation>Comfortable {low}–{high}</translation>
    </message>
    <message>
        <source>checklist.title</source>
        <translation>Before you close</translation>
    </message>
    <message>
        <source>checklist.recap</source>
        <translation>Key details recapped</translation>
    </message>
    <message>
        <source>checklist.agreement</source>
        <translation>Agreement confirmed</translation>
    </message>
    <message>
        <source>checklist.thanks</source>
        <translation>Caller thanked</translation>
    </message>
    <message>
        <source>checklist.caller_hung_up</source>
        <translation>Caller hung up first</translation>
    </message>
    <message>
        <source>checklist.heard</source>
        <translation>heard</translation>
    </message>
    <message>
        <source>checklist.manual</source>
        <translation>ticked by hand</translation>
    </message>
    <message>
        <source>checklist.missed</source>
        <translation>agent hung up first</translation>
    </message>
    <message>
        <source>checklist.hint</source>
        <translation>Click an item to tick it</translation>
    </message>
    <message>
        <source>greeting.title</source>
        <translation>Opening line</translation>
    </message>
    <message>
        <source>greeting.missing</source>
        <translation>Add your name and agent ID in Settings</translation>
    </message>
    <message>
        <source>greeting.morning</source>
        <translation>Morning</translation>
    </message>
    <message>
        <source>greeting.afternoon</source>
        <translation>Afternoon</translation>
    </message>
    <message>
        <source>greeting.evening</source>
        <translation>Evening</translation>
    </message>
    <message>
        <source>prompt.why</source>
        <translation>Why?</translation>
    </message>
    <message>
        <source>prompt.why_title</source>
        <translation>Why am I seeing this</translation>
    </message>
    <message>
        <source>prompt.clause</source>
        <translation>{code}, {label}</translation>
    </message>
    <message>
        <source>prompt.resolved</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <source>mode.expand</source>
        <translation>Expand</translation>
    </message>
    <message>
        <source>mode.compact</source>
        <translation>Compact</translation>
    </message>
    <message>
        <source>rule.greeting</source>
        <translation>greeting</translation>
    </message>
    <message>
        <source>rule.self_intro</source>
        <translation>self-introduction</translation>
    </message>
    <message>
        <source>rule.hold_permission</source>
        <translation>permission before a hold</translation>
    </message>
    <message>
        <source>rule.hold_update</source>
        <translation>15-second hold updates</translation>
    </message>
    <message>
        <source>rule.hold_callback</source>
        <translation>callback offer</translation>
    </message>
    <message>
        <source>rule.closing_recap</source>
        <translation>closing recap</translation>
    </message>
    <message>
        <source>rule.closing_thanks</source>
        <translation>thanking the caller</translation>
    </message>
    <message>
        <source>rule.caller_hangs_up_first</source>
        <translation>caller hangs up first</translation>
    </message>
    <message>
        <source>rule.pace_drift</source>
        <translation>pace</translation>
    </message>
    <message>
        <source>rule.volume</source>
        <translation>volume</translation>
    </message>
    <message>
        <source>rule.overtalk</source>
        <translation>overtalk</translation>
    </message>
    <message>
        <source>rule.forbidden_phrase</source>
        <translation>forbidden phrases</translation>
    </message>
    <message>
        <source>rule.backchannel</source>
        <translation>acknowledgements</translation>
    </message>
    <message>
        <source>list.separator</source>
        <translation>, </translation>
    </message>
    <message>
        <source>rule.answer_within_rings</source>
        <translation>answer within three rings</translation>
    </message>
</context>
<context>
    <name>recording</name>
    <message>
        <source>status.recording_stopped</source>
        <translation>Recording stopped (prompts go on): {why}</translation>
    </message>
</context>
</TS>
