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
        <translation>Replay recorded calls…</translation>
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
        <source>settings.plug_in</source>
        <translation>plug in a headset or check the audio server</translation>
    </message>
    <message>
        <source>settings.device_error</source>
        <translation>the audio server cannot list devices (hover for details)</translation>
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
    <name>floor</name>
    <message>
        <source>window.title</source>
        <translation>Live floor</translation>
    </message>
    <message>
        <source>team.all</source>
        <translation>All teams</translation>
    </message>
    <message>
        <source>team.label</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>status.connected</source>
        <translation>Connected to {server}</translation>
    </message>
    <message>
        <source>status.connecting</source>
        <translation>Connecting to {server}…</translation>
    </message>
    <message>
        <source>status.refused</source>
        <translation>{server} refused the supervisor credential: check the token file</translation>
    </message>
    <message>
        <source>status.down</source>
        <translation>Lost the connection to {server}, reconnecting ({why}). The floor shows the state before it dropped</translation>
    </message>
    <message>
        <source>counts</source>
        <translation>{agents} agents   on a call {call}   on hold {hold}   long holds {long_hold}   prompts up {prompts}   idle {idle}   offline {offline}</translation>
    </message>
    <message>
        <source>column.agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>column.team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>column.state</source>
        <translation>State</translation>
    </message>
    <message>
        <source>column.call</source>
        <translation>Call time</translation>
    </message>
    <message>
        <source>column.prompt</source>
        <translation>Prompt up (clause)</translation>
    </message>
    <message>
        <source>column.last</source>
        <translation>Last call</translation>
    </message>
    <message>
        <source>state.idle</source>
        <translation>Idle</translation>
    </message>
    <message>
        <source>state.idle_for</source>
        <translation>Idle {idle}</translation>
    </message>
    <message>
        <source>state.call</source>
        <translation>On a call</translation>
    </message>
    <message>
        <source>state.hold</source>
        <translation>On hold {held}</translation>
    </message>
    <message>
        <source>state.long_hold</source>
        <translation>On hold {held} (over {limit} s)</translation>
    </message>
    <message>
        <source>state.offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>last.none</source>
        <translation>—</translation>
    </message>
    <message>
        <source>last.replay</source>
        <translation>▶ Replay</translation>
    </message>
    <message>
        <source>button.replay</source>
        <translation>Replay last call</translation>
    </message>
    <message>
        <source>button.report</source>
        <translation>Coaching report</translation>
    </message>
    <message>
        <source>hint.select</source>
        <translation>Select an agent to replay their last call or make their coaching report</translation>
    </message>
    <message>
        <source>hint.no_call</source>
        <translation>{name} has no finished call yet</translation>
    </message>
    <message>
        <source>hint.selected</source>
        <translation>{name} selected: double-click or “Replay last call” to replay their last call, or make their coaching report</translation>
    </message>
    <message>
        <source>replay.missing</source>
        <translation>Session {session} is not in this machine&apos;s session store: {why}</translation>
    </message>
    <message>
        <source>report.none</source>
        <translation>No calls of {name} to report on: {why}</translation>
    </message>
    <message>
        <source>report.written</source>
        <translation>Wrote {name}&apos;s coaching report: {path}</translation>
    </message>
    <message>
        <source>long_hold.note</source>
        <translation>Long hold: the caller has waited over {limit} s (the pack&apos;s hold_callback)</translation>
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
        <source>feedback.title</source>
        <translation>Last call · feedback</translation>
    </message>
    <message>
        <source>feedback.dismiss</source>
        <translation>Got it ✕</translation>
    </message>
    <message>
        <source>feedback.missed_none</source>
        <translation>✓ Nothing missed, keep it up!</translation>
    </message>
    <message>
        <source>feedback.say</source>
        <translation>Say: “{wording}”</translation>
    </message>
    <message>
        <source>feedback.went_well</source>
        <translation>Went well: {checks}</translation>
    </message>
    <message>
        <source>feedback.not_checked</source>
        <translation>{n} checks could not be made (see settings)</translation>
    </message>
    <message>
        <source>feedback.not_checked.one</source>
        <translation>{n} check could not be made (see settings)</translation>
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
        <source>listening.call_ended</source>
        <translation>Between calls</translation>
    </message>
    <message>
        <source>listening.demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <source>status.install_in_settings</source>
        <translation>Install a speech model in the settings to turn them on.</translation>
    </message>
    <message>
        <source>status.install_button</source>
        <translation>Install in settings…</translation>
    </message>
    <message>
        <source>pace.paused</source>
        <translation>Paused</translation>
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
        <source>status.device_lost_why</source>
        <translation>{channel} device lost ({device}): {cause}; trying again every {retry} s, silence fills the gap</translation>
    </message>
    <message>
        <source>status.lost_cause.stream_stopped</source>
        <translation>the stream stopped</translation>
    </message>
    <message>
        <source>status.lost_cause.silent</source>
        <translation>no audio for {seconds} s</translation>
    </message>
    <message>
        <source>status.lost_cause.silent_after_open</source>
        <translation>no audio {seconds} s after opening</translation>
    </message>
    <message>
        <source>status.lost_cause.cannot_open</source>
        <translation>cannot open it ({error})</translation>
    </message>
    <message>
        <source>status.pack_problem</source>
        <translation>Prompt pack not updated (the last good pack stays in use): {why}</translation>
    </message>
    <message>
        <source>status.pack.unsigned</source>
        <translation>{file} is not signed</translation>
    </message>
    <message>
        <source>status.pack.tampered</source>
        <translation>{file} was changed after signing</translation>
    </message>
    <message>
        <source>status.pack.untrusted</source>
        <translation>{file} is signed by a key this computer does not trust</translation>
    </message>
    <message>
        <source>status.pack.unreadable</source>
        <translation>{file} cannot be read</translation>
    </message>
    <message>
        <source>status.pack.invalid</source>
        <translation>{file} is not a valid pack</translation>
    </message>
    <message>
        <source>status.pack.unreachable</source>
        <translation>the pack folder cannot be reached</translation>
    </message>
    <message>
        <source>status.pack.no_key</source>
        <translation>no trusted signing key is installed; ask an administrator</translation>
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
    <message>
        <source>rule.outbound_rings</source>
        <translation>hang up after six rings (outbound)</translation>
    </message>
    <message>
        <source>rule.polite_address</source>
        <translation>polite address (您)</translation>
    </message>
    <message>
        <source>rule.positive_wording</source>
        <translation>positive wording</translation>
    </message>
    <message>
        <source>rule.no_denial</source>
        <translation>no denying the problem</translation>
    </message>
    <message>
        <source>status.pack.rollback</source>
        <translation>{file} is version {version}, lower than {held} already accepted; a pack never rolls back</translation>
    </message>
    <message>
        <source>status.pack.keys</source>
        <translation>a trusted key file cannot be read; ask an administrator</translation>
    </message>
    <message>
        <source>status.pack.policy</source>
        <translation>the administrator&apos;s policy has problems, so every setting is locked; ask an administrator</translation>
    </message>
    <message>
        <source>status.pack.broken</source>
        <translation>{file} has problems; the default pack is used</translation>
    </message>
    <message>
        <source>status.pack.failed</source>
        <translation>the pack folder could not be checked; ask an administrator</translation>
    </message>
    <message>
        <source>rule.restate_need</source>
        <translation>restate the caller&apos;s need</translation>
    </message>
    <message>
        <source>rule.show_understanding</source>
        <translation>show understanding</translation>
    </message>
    <message>
        <source>rule.calm_tone</source>
        <translation>calm with a raised voice</translation>
    </message>
    <message>
        <source>rule.jargon</source>
        <translation>little jargon</translation>
    </message>
    <message>
        <source>rule.escalation</source>
        <translation>escalate if still dissatisfied</translation>
    </message>
</context>
<context>
    <name>recording</name>
    <message>
        <source>status.recording_stopped</source>
        <translation>Recording stopped (prompts go on): {why}</translation>
    </message>
    <message>
        <source>status.recording.disk_full</source>
        <translation>the disk is full; free some space</translation>
    </message>
    <message>
        <source>status.recording.not_writable</source>
        <translation>the session folder cannot be written; ask an administrator</translation>
    </message>
    <message>
        <source>status.recording.failed</source>
        <translation>the session cannot be saved; ask an administrator</translation>
    </message>
    <message>
        <source>status.recording.failed_at</source>
        <translation>the session cannot be saved ({where}); ask an administrator</translation>
    </message>
</context>
<context>
    <name>replay</name>
    <message>
        <source>window.title</source>
        <translation>Call replay — Etiquette assistant</translation>
    </message>
    <message>
        <source>window.title_session</source>
        <translation>Call replay — {agent} {when}</translation>
    </message>
    <message>
        <source>picker.title</source>
        <translation>Recorded calls</translation>
    </message>
    <message>
        <source>picker.open</source>
        <translation>Open exported call…</translation>
    </message>
    <message>
        <source>picker.empty</source>
        <translation>No recorded calls yet</translation>
    </message>
    <message>
        <source>picker.item</source>
        <translation>{when}  {agent}
{duration}  {prompts} prompts{state}</translation>
    </message>
    <message>
        <source>picker.demo</source>
        <translation>  demo</translation>
    </message>
    <message>
        <source>picker.search</source>
        <translation>Search: agent, date, clause…</translation>
    </message>
    <message>
        <source>picker.search_help</source>
        <translation>Terms separated by spaces, all must match:
agent name or ID · call date (2026-11 or 2026-11-25)
clause (kf-11.3: calls that missed it) · demo</translation>
    </message>
    <message>
        <source>picker.missed_only</source>
        <translation>Only calls with a missed check</translation>
    </message>
    <message>
        <source>picker.no_match</source>
        <translation>No calls match</translation>
    </message>
    <message>
        <source>picker.item.one</source>
        <translation>{when}  {agent}
{duration}  {prompts} prompt{state}</translation>
    </message>
    <message>
        <source>picker.recovered</source>
        <translation>  (interrupted, recovered)</translation>
    </message>
    <message>
        <source>picker.recording</source>
        <translation>  (recording now)</translation>
    </message>
    <message>
        <source>picker.no_audio</source>
        <translation>  no audio</translation>
    </message>
    <message>
        <source>transport.play</source>
        <translation>Play</translation>
    </message>
    <message>
        <source>transport.pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>transport.speed</source>
        <translation>{speed}x</translation>
    </message>
    <message>
        <source>transport.time</source>
        <translation>{now} / {total}</translation>
    </message>
    <message>
        <source>transport.zoom_in</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>transport.zoom_out</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>transport.zoom_all</source>
        <translation>Whole call</translation>
    </message>
    <message>
        <source>action.compare</source>
        <translation>Compare with pack…</translation>
    </message>
    <message>
        <source>action.compare_clear</source>
        <translation>Clear comparison</translation>
    </message>
    <message>
        <source>action.report</source>
        <translation>Export report…</translation>
    </message>
    <message>
        <source>tab.transcript</source>
        <translation>Transcript</translation>
    </message>
    <message>
        <source>tab.prompts</source>
        <translation>Prompts</translation>
    </message>
    <message>
        <source>tab.scorecard</source>
        <translation>Scorecard</translation>
    </message>
    <message>
        <source>tab.notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>tab.compare</source>
        <translation>Pack comparison</translation>
    </message>
    <message>
        <source>lane.agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>lane.caller</source>
        <translation>Caller</translation>
    </message>
    <message>
        <source>lane.pace</source>
        <translation>Pace</translation>
    </message>
    <message>
        <source>lane.hold</source>
        <translation>Hold</translation>
    </message>
    <message>
        <source>lane.prompts</source>
        <translation>Prompts</translation>
    </message>
    <message>
        <source>pace.unit_syl</source>
        <translation>syll/min</translation>
    </message>
    <message>
        <source>timeline.empty</source>
        <translation>Choose a call on the left</translation>
    </message>
    <message>
        <source>transcript.empty</source>
        <translation>No transcript (no speech recogniser ran)</translation>
    </message>
    <message>
        <source>transcript.line</source>
        <translation>{t}  {who}: {text}</translation>
    </message>
    <message>
        <source>transcript.hits</source>
        <translation>{t}  {who} (phrase hits, not a transcript): {text}</translation>
    </message>
    <message>
        <source>prompts.empty</source>
        <translation>No prompt came up in this call</translation>
    </message>
    <message>
        <source>prompts.line</source>
        <translation>{t}  {clause}  {text}</translation>
    </message>
    <message>
        <source>prompts.resolved</source>
        <translation>gone at {t} ({why})</translation>
    </message>
    <message>
        <source>prompts.open</source>
        <translation>still up at the end</translation>
    </message>
    <message>
        <source>score.clause</source>
        <translation>Clause</translation>
    </message>
    <message>
        <source>score.rule</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>score.status</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>score.times</source>
        <translation>Times</translation>
    </message>
    <message>
        <source>score.detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>status.met</source>
        <translation>met</translation>
    </message>
    <message>
        <source>status.missed</source>
        <translation>missed</translation>
    </message>
    <message>
        <source>status.not_checked</source>
        <translation>not checked</translation>
    </message>
    <message>
        <source>status.not_applicable</source>
        <translation>not needed</translation>
    </message>
    <message>
        <source>notes.placeholder</source>
        <translation>Add a note at {t}…</translation>
    </message>
    <message>
        <source>notes.add</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>notes.delete</source>
        <translation>Delete selected</translation>
    </message>
    <message>
        <source>notes.empty</source>
        <translation>No notes yet</translation>
    </message>
    <message>
        <source>compare.none</source>
        <translation>Choose a prompt pack to see what it would change in this call</translation>
    </message>
    <message>
        <source>compare.running</source>
        <translation>Re-running the call through {pack}…</translation>
    </message>
    <message>
        <source>compare.summary</source>
        <translation>{pack} {version}: {added} prompts added, {removed} removed, {changed} changed; {findings} scorecard changes</translation>
    </message>
    <message>
        <source>compare.same</source>
        <translation>{pack} {version}: no prompt and no score would change in this call</translation>
    </message>
    <message>
        <source>compare.added</source>
        <translation>added</translation>
    </message>
    <message>
        <source>compare.removed</source>
        <translation>removed</translation>
    </message>
    <message>
        <source>compare.changed</source>
        <translation>changed</translation>
    </message>
    <message>
        <source>compare.finding</source>
        <translation>score {rule}: {old} → {new}</translation>
    </message>
    <message>
        <source>compare.wrong_lang</source>
        <translation>{path}: this pack is for {pack_lang}; the call is in {lang}</translation>
    </message>
    <message>
        <source>report.done</source>
        <translation>Report written: {path}</translation>
    </message>
    <message>
        <source>report.missing</source>
        <translation>Reports cannot be exported by this version (the report module is missing)</translation>
    </message>
    <message>
        <source>report.failed</source>
        <translation>The report cannot be written: {why}</translation>
    </message>
    <message>
        <source>banner.no_output</source>
        <translation>No audio output device: playing silently (timeline, prompts and overlay as usual)</translation>
    </message>
    <message>
        <source>banner.no_audio</source>
        <translation>This call has no recording (the pack does not record audio): silent replay</translation>
    </message>
    <message>
        <source>banner.audio_missing</source>
        <translation>The recording is missing: silent replay; the waveform comes from the levels measured during the call</translation>
    </message>
    <message>
        <source>banner.audio_bad</source>
        <translation>The recording cannot be read: silent replay; the waveform comes from the levels measured during the call</translation>
    </message>
    <message>
        <source>banner.store</source>
        <translation>The call database cannot be opened: {why}</translation>
    </message>
    <message>
        <source>banner.session</source>
        <translation>This call cannot be opened: {why}</translation>
    </message>
    <message>
        <source>banner.open</source>
        <translation>Cannot open: {why}</translation>
    </message>
    <message>
        <source>banner.not_export</source>
        <translation>{path} is not an exported call (no session.json) nor a call database</translation>
    </message>
    <message>
        <source>banner.imported</source>
        <translation>Imported {id}</translation>
    </message>
    <message>
        <source>banner.pack</source>
        <translation>{why}</translation>
    </message>
    <message>
        <source>banner.no_summary</source>
        <translation>This call did not end normally: the scorecard is recomputed from the recorded observations</translation>
    </message>
    <message>
        <source>overlay.title</source>
        <translation>The overlay at the playhead</translation>
    </message>
    <message>
        <source>rule.answer_within_rings</source>
        <translation>Answer within three rings</translation>
    </message>
    <message>
        <source>rule.outbound_rings</source>
        <translation>hang up after six rings (outbound)</translation>
    </message>
    <message>
        <source>rule.polite_address</source>
        <translation>polite address (您)</translation>
    </message>
    <message>
        <source>rule.positive_wording</source>
        <translation>positive wording</translation>
    </message>
    <message>
        <source>rule.no_denial</source>
        <translation>no denying the problem</translation>
    </message>
    <message>
        <source>rule.restate_need</source>
        <translation>restate the caller&apos;s need</translation>
    </message>
    <message>
        <source>rule.show_understanding</source>
        <translation>show understanding</translation>
    </message>
    <message>
        <source>rule.calm_tone</source>
        <translation>calm with a raised voice</translation>
    </message>
    <message>
        <source>rule.jargon</source>
        <translation>little jargon</translation>
    </message>
    <message>
        <source>rule.escalation</source>
        <translation>escalate if still dissatisfied</translation>
    </message>
</context>
<context>
    <name>supervisor</name>
    <message>
        <source>title</source>
        <translation>Etiquette assistant — pack editor (supervisor)</translation>
    </message>
    <message>
        <source>title.file</source>
        <translation>{name} — etiquette assistant pack editor</translation>
    </message>
    <message>
        <source>menu.open</source>
        <translation>Open…</translation>
    </message>
    <message>
        <source>menu.save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>menu.save_as</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <source>menu.export</source>
        <translation>Export signed…</translation>
    </message>
    <message>
        <source>menu.ui_lang</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>nav.pack</source>
        <translation>Pack</translation>
    </message>
    <message>
        <source>nav.recording</source>
        <translation>Recording &amp; retention</translation>
    </message>
    <message>
        <source>nav.acoustics</source>
        <translation>Acoustics</translation>
    </message>
    <message>
        <source>nav.phrases</source>
        <translation>Phrase lists</translation>
    </message>
    <message>
        <source>nav.rules</source>
        <translation>Rules</translation>
    </message>
    <message>
        <source>status.valid</source>
        <translation>The pack is valid and can be saved</translation>
    </message>
    <message>
        <source>status.invalid</source>
        <translation>{n} problems to fix before saving: {first}</translation>
    </message>
    <message>
        <source>status.invalid.one</source>
        <translation>{n} problem to fix before saving: {first}</translation>
    </message>
    <message>
        <source>status.saved</source>
        <translation>Saved to {path}</translation>
    </message>
    <message>
        <source>status.exported</source>
        <translation>Exported signed pack {path} ({id} {version}, key {kid})</translation>
    </message>
    <message>
        <source>status.unsaved</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>rule.on</source>
        <translation>on</translation>
    </message>
    <message>
        <source>rule.off</source>
        <translation>off</translation>
    </message>
    <message>
        <source>rule.clause</source>
        <translation>Clause {id} · {label}</translation>
    </message>
    <message>
        <source>rule.problems</source>
        <translation>This rule has a problem: {error}</translation>
    </message>
    <message>
        <source>phrases.model_ok</source>
        <translation>Checked against the speech model&apos;s vocabulary: {model}</translation>
    </message>
    <message>
        <source>phrases.model_checking</source>
        <translation>Reading the speech model&apos;s vocabulary…</translation>
    </message>
    <message>
        <source>phrases.no_model</source>
        <translation>Phrases not checked: {note}</translation>
    </message>
    <message>
        <source>phrases.hint</source>
        <translation>One phrase per line. Words the model cannot hear are flagged below.</translation>
    </message>
    <message>
        <source>phrases.flag</source>
        <translation>⚠ “{phrase}”: {why}</translation>
    </message>
    <message>
        <source>phrases.all_ok</source>
        <translation>✓ the model can hear all {n} phrases</translation>
    </message>
    <message>
        <source>phrases.unchecked</source>
        <translation>{n} phrases</translation>
    </message>
    <message>
        <source>phrases.unchecked.one</source>
        <translation>{n} phrase</translation>
    </message>
    <message>
        <source>phrases.agent</source>
        <translation>agent says</translation>
    </message>
    <message>
        <source>phrases.caller</source>
        <translation>caller says</translation>
    </message>
    <message>
        <source>trial.title</source>
        <translation>Try it</translation>
    </message>
    <message>
        <source>trial.source</source>
        <translation>Recording</translation>
    </message>
    <message>
        <source>trial.demo</source>
        <translation>Demo call</translation>
    </message>
    <message>
        <source>trial.file</source>
        <translation>Choose a recording (WAV/FLAC)…</translation>
    </message>
    <message>
        <source>trial.session</source>
        <translation>Session {id} ({when}, {agent})</translation>
    </message>
    <message>
        <source>trial.recogniser</source>
        <translation>Speech recogniser</translation>
    </message>
    <message>
        <source>trial.recogniser.off</source>
        <translation>off (acoustic checks only, quick)</translation>
    </message>
    <message>
        <source>trial.recogniser.grammar</source>
        <translation>phrase grammar (needs a model)</translation>
    </message>
    <message>
        <source>trial.recogniser.whisper</source>
        <translation>Whisper full text (needs the model, slower)</translation>
    </message>
    <message>
        <source>trial.run</source>
        <translation>Run</translation>
    </message>
    <message>
        <source>trial.running</source>
        <translation>Running {name} with the pack being edited…</translation>
    </message>
    <message>
        <source>trial.done</source>
        <translation>{name} ({duration}): {n} prompts</translation>
    </message>
    <message>
        <source>menu.keygen</source>
        <translation>Make a signing key…</translation>
    </message>
    <message>
        <source>status.key_made</source>
        <translation>Key {kid} made: private key {private} (keep it secret); public key {public}: an administrator trusts it on agents&apos; PCs with assistant pack trust {public}</translation>
    </message>
    <message>
        <source>placeholder.insert</source>
        <translation>Insert a placeholder…</translation>
    </message>
    <message>
        <source>placeholder.agent</source>
        <translation>agent&apos;s pace</translation>
    </message>
    <message>
        <source>placeholder.agent_id</source>
        <translation>agent ID</translation>
    </message>
    <message>
        <source>placeholder.caller</source>
        <translation>caller&apos;s pace</translation>
    </message>
    <message>
        <source>placeholder.clipping</source>
        <translation>clipping (yes/no)</translation>
    </message>
    <message>
        <source>placeholder.cut_in</source>
        <translation>when the agent cut in</translation>
    </message>
    <message>
        <source>placeholder.direction</source>
        <translation>too fast / too slow</translation>
    </message>
    <message>
        <source>placeholder.greeting</source>
        <translation>the greeting to say</translation>
    </message>
    <message>
        <source>placeholder.high</source>
        <translation>top of the comfortable band</translation>
    </message>
    <message>
        <source>placeholder.intro</source>
        <translation>the self-introduction</translation>
    </message>
    <message>
        <source>placeholder.level</source>
        <translation>level</translation>
    </message>
    <message>
        <source>placeholder.low</source>
        <translation>bottom of the comfortable band</translation>
    </message>
    <message>
        <source>placeholder.name</source>
        <translation>agent&apos;s name</translation>
    </message>
    <message>
        <source>placeholder.overlap</source>
        <translation>seconds of overlap</translation>
    </message>
    <message>
        <source>placeholder.phrase</source>
        <translation>the forbidden phrase heard</translation>
    </message>
    <message>
        <source>placeholder.rings</source>
        <translation>rings</translation>
    </message>
    <message>
        <source>placeholder.talked</source>
        <translation>seconds the caller has talked</translation>
    </message>
    <message>
        <source>placeholder.waited</source>
        <translation>seconds the caller has waited</translation>
    </message>
    <message>
        <source>placeholder.waited_s</source>
        <translation>seconds waited</translation>
    </message>
    <message>
        <source>error.float_parsing</source>
        <translation>Enter a number</translation>
    </message>
    <message>
        <source>error.int_parsing</source>
        <translation>Enter a whole number</translation>
    </message>
    <message>
        <source>error.float_type</source>
        <translation>Enter a number</translation>
    </message>
    <message>
        <source>error.int_type</source>
        <translation>Enter a whole number</translation>
    </message>
    <message>
        <source>error.bool_parsing</source>
        <translation>Choose on or off</translation>
    </message>
    <message>
        <source>error.string_type</source>
        <translation>Enter text</translation>
    </message>
    <message>
        <source>error.greater_than_equal</source>
        <translation>Must be at least {ge}</translation>
    </message>
    <message>
        <source>error.greater_than</source>
        <translation>Must be more than {gt}</translation>
    </message>
    <message>
        <source>error.less_than_equal</source>
        <translation>Must be at most {le}</translation>
    </message>
    <message>
        <source>error.less_than</source>
        <translation>Must be less than {lt}</translation>
    </message>
    <message>
        <source>error.missing</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>error.string_too_short</source>
        <translation>Too short: at least {min_length}</translation>
    </message>
    <message>
        <source>error.too_short</source>
        <translation>Too few: at least {min_length}</translation>
    </message>
    <message>
        <source>error.unknown_clause</source>
        <translation>Clause &apos;{clause}&apos; is not in the code of conduct</translation>
    </message>
    <message>
        <source>error.extra_forbidden</source>
        <translation>Unknown field</translation>
    </message>
    <message>
        <source>note.recogniser_off</source>
        <translation>Speech recogniser off: phrase checks are not checked</translation>
    </message>
    <message>
        <source>note.no_model</source>
        <translation>No speech model: phrase checks are not checked, acoustic checks still run (install the {lang} model in the settings)</translation>
    </message>
    <message>
        <source>note.vocabulary_unknown</source>
        <translation>The word list of the model at {path} cannot be read: phrases cannot be checked against it; free recognition listens instead</translation>
    </message>
    <message>
        <source>note.phrase_rejected</source>
        <translation>Phrase {phrase} cannot be recognised by the model at {path}</translation>
    </message>
    <message>
        <source>note.no_phrase_fits</source>
        <translation>No {channel} phrase fits the model at {path}: free recognition listens instead</translation>
    </message>
    <message>
        <source>trial.done.one</source>
        <translation>{name} ({duration}): {n} prompt</translation>
    </message>
    <message>
        <source>trial.none</source>
        <translation>{name} ({duration}): no prompts would be given</translation>
    </message>
    <message>
        <source>trial.invalid</source>
        <translation>Fix the pack&apos;s problems to try it</translation>
    </message>
    <message>
        <source>trial.stale</source>
        <translation>The pack changed: the table shows the earlier run; press Run again</translation>
    </message>
    <message>
        <source>trial.failed</source>
        <translation>Cannot run: {error}</translation>
    </message>
    <message>
        <source>trial.col.time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>trial.col.rule</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>trial.col.clause</source>
        <translation>Clause</translation>
    </message>
    <message>
        <source>trial.col.text</source>
        <translation>Prompt</translation>
    </message>
    <message>
        <source>export.key</source>
        <translation>Choose the signing key (.key)</translation>
    </message>
    <message>
        <source>export.out</source>
        <translation>Export the signed pack to</translation>
    </message>
    <message>
        <source>export.bump</source>
        <translation>Version {version} is not higher than the one already in that file. Raise the version and export?</translation>
    </message>
    <message>
        <source>export.failed</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <source>save.failed</source>
        <translation>Saving failed</translation>
    </message>
    <message>
        <source>open.failed</source>
        <translation>Cannot open the pack</translation>
    </message>
    <message>
        <source>discard</source>
        <translation>There are unsaved changes. Close anyway?</translation>
    </message>
    <message>
        <source>field.id</source>
        <translation>Pack id</translation>
    </message>
    <message>
        <source>field.name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>field.version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>field.language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>field.description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>field.recording.enabled</source>
        <translation>Record calls</translation>
    </message>
    <message>
        <source>field.retention_days</source>
        <translation>Keep recordings (days)</translation>
    </message>
    <message>
        <source>field.pace_window_s</source>
        <translation>Pace window (s)</translation>
    </message>
    <message>
        <source>field.pace_min_speech_s</source>
        <translation>Pace: minimum speech (s)</translation>
    </message>
    <message>
        <source>field.enabled</source>
        <translation>On</translation>
    </message>
    <message>
        <source>field.clause</source>
        <translation>Clause</translation>
    </message>
    <message>
        <source>field.text</source>
        <translation>Prompt wording</translation>
    </message>
    <message>
        <source>field.cooldown_s</source>
        <translation>Cool-down (s)</translation>
    </message>
    <message>
        <source>field.priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>field.rings</source>
        <translation>Rings</translation>
    </message>
    <message>
        <source>field.ring_s</source>
        <translation>One ring (s)</translation>
    </message>
    <message>
        <source>field.accept_generic</source>
        <translation>Accept a generic greeting</translation>
    </message>
    <message>
        <source>field.window_s</source>
        <translation>Window (s)</translation>
    </message>
    <message>
        <source>field.morning_from</source>
        <translation>Morning from (h)</translation>
    </message>
    <message>
        <source>field.afternoon_from</source>
        <translation>Afternoon from (h)</translation>
    </message>
    <message>
        <source>field.evening_from</source>
        <translation>Evening from (h)</translation>
    </message>
    <message>
        <source>field.intro</source>
        <translation>Self-introduction template</translation>
    </message>
    <message>
        <source>field.lookback_s</source>
        <translation>Look back (s)</translation>
    </message>
    <message>
        <source>field.grace_s</source>
        <translation>Grace (s)</translation>
    </message>
    <message>
        <source>field.silence_s</source>
        <translation>Silence before hold (s)</translation>
    </message>
    <message>
        <source>field.interval_s</source>
        <translation>Update interval (s)</translation>
    </message>
    <message>
        <source>field.auto_resolve_s</source>
        <translation>Auto-resolve (s)</translation>
    </message>
    <message>
        <source>field.hold_callback.after_s</source>
        <translation>Offer a callback after (s)</translation>
    </message>
    <message>
        <source>field.backchannel.after_s</source>
        <translation>Caller turn longer than (s)</translation>
    </message>
    <message>
        <source>field.ratio_band</source>
        <translation>Pace ratio band</translation>
    </message>
    <message>
        <source>field.resolve_band</source>
        <translation>Resolve band (hysteresis)</translation>
    </message>
    <message>
        <source>field.min_spm</source>
        <translation>Minimum pace (syll./min)</translation>
    </message>
    <message>
        <source>field.max_spm</source>
        <translation>Maximum pace (syll./min)</translation>
    </message>
    <message>
        <source>field.sustain_s</source>
        <translation>Sustained for (s)</translation>
    </message>
    <message>
        <source>field.min_speaking_s</source>
        <translation>Minimum speaking time (s)</translation>
    </message>
    <message>
        <source>field.fast_word</source>
        <translation>Word for “too fast”</translation>
    </message>
    <message>
        <source>field.text_absolute</source>
        <translation>Wording outside the comfortable band</translation>
    </message>
    <message>
        <source>field.text_no_caller</source>
        <translation>Wording with no caller channel</translation>
    </message>
    <message>
        <source>field.slow_word</source>
        <translation>Word for “too slow”</translation>
    </message>
    <message>
        <source>field.loud_dbfs</source>
        <translation>Too loud above (dBFS)</translation>
    </message>
    <message>
        <source>field.quiet_dbfs</source>
        <translation>Too quiet below (dBFS)</translation>
    </message>
    <message>
        <source>field.hysteresis_db</source>
        <translation>Hysteresis (dB)</translation>
    </message>
    <message>
        <source>field.clip_blocks</source>
        <translation>Clipped blocks</translation>
    </message>
    <message>
        <source>field.loud_word</source>
        <translation>Word for “too loud”</translation>
    </message>
    <message>
        <source>field.quiet_word</source>
        <translation>Word for “too quiet”</translation>
    </message>
    <message>
        <source>field.min_overlap_s</source>
        <translation>Overlap counted after (s)</translation>
    </message>
    <message>
        <source>field.caller_turn_min_s</source>
        <translation>Caller turn at least (s)</translation>
    </message>
    <message>
        <source>field.show_s</source>
        <translation>Show for (s)</translation>
    </message>
    <message>
        <source>field.instead_text</source>
        <translation>Suggested wording ({instead})</translation>
    </message>
    <message>
        <source>field.polite</source>
        <translation>polite forms</translation>
    </message>
    <message>
        <source>field.plain</source>
        <translation>plain forms</translation>
    </message>
    <message>
        <source>field.plain_unless</source>
        <translation>words that are not forms of address</translation>
    </message>
    <message>
        <source>field.min_share</source>
        <translation>lowest share of polite forms</translation>
    </message>
    <message>
        <source>field.min_count</source>
        <translation>forms of address needed to judge</translation>
    </message>
    <message>
        <source>field.max_count</source>
        <translation>allowed per call</translation>
    </message>
    <message>
        <source>kind.greeting_morning</source>
        <translation>Morning greeting</translation>
    </message>
    <message>
        <source>kind.greeting_afternoon</source>
        <translation>Afternoon greeting</translation>
    </message>
    <message>
        <source>kind.greeting_evening</source>
        <translation>Evening greeting</translation>
    </message>
    <message>
        <source>kind.greeting_generic</source>
        <translation>Generic greeting</translation>
    </message>
    <message>
        <source>kind.self_intro</source>
        <translation>Self-introduction</translation>
    </message>
    <message>
        <source>kind.permission</source>
        <translation>Asking permission</translation>
    </message>
    <message>
        <source>kind.lookup</source>
        <translation>Announcing a lookup</translation>
    </message>
    <message>
        <source>kind.progress</source>
        <translation>Progress update</translation>
    </message>
    <message>
        <source>kind.callback</source>
        <translation>Callback</translation>
    </message>
    <message>
        <source>kind.recap</source>
        <translation>Recap</translation>
    </message>
    <message>
        <source>kind.agreement</source>
        <translation>Asking agreement</translation>
    </message>
    <message>
        <source>kind.thanks</source>
        <translation>Thanks</translation>
    </message>
    <message>
        <source>kind.closing</source>
        <translation>Closing question</translation>
    </message>
    <message>
        <source>kind.farewell</source>
        <translation>Farewell</translation>
    </message>
    <message>
        <source>kind.backchannel</source>
        <translation>Acknowledgements</translation>
    </message>
    <message>
        <source>kind.caller_wait</source>
        <translation>Caller asks to wait</translation>
    </message>
    <message>
        <source>kind.forbidden</source>
        <translation>Forbidden phrases</translation>
    </message>
    <message>
        <source>kind.negative</source>
        <translation>negative wording</translation>
    </message>
    <message>
        <source>kind.denial</source>
        <translation>denying the problem</translation>
    </message>
    <message>
        <source>kind.next_step</source>
        <translation>solution / next step</translation>
    </message>
    <message>
        <source>rule.answer_within_rings</source>
        <translation>Answer within three rings</translation>
    </message>
    <message>
        <source>rule.outbound_rings</source>
        <translation>hang up after six rings (outbound)</translation>
    </message>
    <message>
        <source>rule.polite_address</source>
        <translation>polite address (您)</translation>
    </message>
    <message>
        <source>rule.positive_wording</source>
        <translation>positive wording</translation>
    </message>
    <message>
        <source>rule.no_denial</source>
        <translation>no denying the problem</translation>
    </message>
    <message>
        <source>rule.greeting</source>
        <translation>Greeting</translation>
    </message>
    <message>
        <source>rule.self_intro</source>
        <translation>Self-introduction</translation>
    </message>
    <message>
        <source>rule.hold_permission</source>
        <translation>Permission before a hold</translation>
    </message>
    <message>
        <source>rule.hold_update</source>
        <translation>Hold updates</translation>
    </message>
    <message>
        <source>rule.hold_callback</source>
        <translation>Callback offer</translation>
    </message>
    <message>
        <source>rule.closing_recap</source>
        <translation>Closing recap</translation>
    </message>
    <message>
        <source>rule.closing_thanks</source>
        <translation>Thanking the caller</translation>
    </message>
    <message>
        <source>rule.caller_hangs_up_first</source>
        <translation>Caller hangs up first</translation>
    </message>
    <message>
        <source>rule.pace_drift</source>
        <translation>Pace</translation>
    </message>
    <message>
        <source>rule.volume</source>
        <translation>Volume</translation>
    </message>
    <message>
        <source>rule.overtalk</source>
        <translation>No overtalk</translation>
    </message>
    <message>
        <source>rule.forbidden_phrase</source>
        <translation>Forbidden phrases</translation>
    </message>
    <message>
        <source>rule.backchannel</source>
        <translation>Acknowledgements</translation>
    </message>
    <message>
        <source>locks.note</source>
        <translation>Locked by your supervisor: {names}</translation>
    </message>
    <message>
        <source>locks.locked</source>
        <translation>locked by your supervisor</translation>
    </message>
    <message>
        <source>locks.separator</source>
        <translation>, </translation>
    </message>
    <message>
        <source>locks.managed</source>
        <translation>Pack set by your supervisor (managed folder {folder})</translation>
    </message>
    <message>
        <source>locks.managed_pack</source>
        <translation>{id} {version} ({lang}) from {path}, signed by key {kid}</translation>
    </message>
    <message>
        <source>locks.cached_pack</source>
        <translation>{id} {version} ({lang}), the last verified copy (first from {path}), signed by key {kid}</translation>
    </message>
    <message>
        <source>locks.no_pack</source>
        <translation>No usable signed pack in the managed folder; the default pack is used for now</translation>
    </message>
    <message>
        <source>locks.recogniser</source>
        <translation>Speech recogniser</translation>
    </message>
    <message>
        <source>locks.recogniser.grammar</source>
        <translation>phrase grammar (fast)</translation>
    </message>
    <message>
        <source>locks.recogniser.free</source>
        <translation>free (full text)</translation>
    </message>
    <message>
        <source>locks.recogniser.whisper</source>
        <translation>Whisper full text (zh and en, more accurate)</translation>
    </message>
    <message>
        <source>locks.recogniser.off</source>
        <translation>off (acoustic checks only)</translation>
    </message>
    <message>
        <source>error.hours</source>
        <translation>morning_from &lt; afternoon_from &lt; evening_from must hold</translation>
    </message>
    <message>
        <source>error.hysteresis</source>
        <translation>resolve_band must not be wider than ratio_band (it is the hysteresis)</translation>
    </message>
    <message>
        <source>error.pace_band</source>
        <translation>min_spm must be below max_spm</translation>
    </message>
    <message>
        <source>error.volume_band</source>
        <translation>quiet_dbfs must be below loud_dbfs</translation>
    </message>
    <message>
        <source>field.before_next_step</source>
        <translation>count only a restatement before the next step</translation>
    </message>
    <message>
        <source>field.reply_s</source>
        <translation>reply within (s of the agent&apos;s speech)</translation>
    </message>
    <message>
        <source>field.acoustic_cues</source>
        <translation>a raised voice or talking over counts as a complaint</translation>
    </message>
    <message>
        <source>field.raised_word</source>
        <translation>words for a raised voice</translation>
    </message>
    <message>
        <source>field.overtalk_word</source>
        <translation>words for talking over</translation>
    </message>
    <message>
        <source>field.agent_raised_db</source>
        <translation>agent louder by at most (dB)</translation>
    </message>
    <message>
        <source>field.agent_faster</source>
        <translation>agent faster by at most (share)</translation>
    </message>
    <message>
        <source>field.calm_tone.after_s</source>
        <translation>judged on after the caller settles (s)</translation>
    </message>
    <message>
        <source>field.max_per_min</source>
        <translation>terms per minute at most</translation>
    </message>
    <message>
        <source>field.min_minutes</source>
        <translation>count a call as at least (min)</translation>
    </message>
    <message>
        <source>field.closing_s</source>
        <translation>the close: the call&apos;s last (s)</translation>
    </message>
    <message>
        <source>field.caller_raised_db</source>
        <translation>caller&apos;s voice raised by (dB)</translation>
    </message>
    <message>
        <source>field.caller_baseline_s</source>
        <translation>caller&apos;s baseline from their first (s)</translation>
    </message>
    <message>
        <source>field.caller_window_s</source>
        <translation>caller&apos;s recent speech compared (s)</translation>
    </message>
    <message>
        <source>field.caller_overtalk_s</source>
        <translation>caller talking over the agent for (s)</translation>
    </message>
    <message>
        <source>kind.restate</source>
        <translation>restating the need</translation>
    </message>
    <message>
        <source>kind.understanding</source>
        <translation>understanding</translation>
    </message>
    <message>
        <source>kind.dismissive</source>
        <translation>dismissive words</translation>
    </message>
    <message>
        <source>kind.jargon</source>
        <translation>jargon</translation>
    </message>
    <message>
        <source>kind.escalation</source>
        <translation>escalation</translation>
    </message>
    <message>
        <source>kind.request</source>
        <translation>caller&apos;s request</translation>
    </message>
    <message>
        <source>kind.complaint</source>
        <translation>caller&apos;s complaint</translation>
    </message>
    <message>
        <source>kind.dissatisfied</source>
        <translation>caller still dissatisfied</translation>
    </message>
    <message>
        <source>rule.restate_need</source>
        <translation>restate the caller&apos;s need</translation>
    </message>
    <message>
        <source>rule.show_understanding</source>
        <translation>show understanding</translation>
    </message>
    <message>
        <source>rule.calm_tone</source>
        <translation>calm with a raised voice</translation>
    </message>
    <message>
        <source>rule.jargon</source>
        <translation>little jargon</translation>
    </message>
    <message>
        <source>rule.escalation</source>
        <translation>escalate if still dissatisfied</translation>
    </message>
    <message>
        <source>field.reading_margin</source>
        <translation>Reading margin (share)</translation>
    </message>
</context>
</TS>
