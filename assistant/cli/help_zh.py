"""The command line's help and argparse's own words in Chinese, keyed by their English.

The English in the parsers is the source (gettext's model: the English text is the key), so
a reworded English help needs its Chinese here too: ``tests/unit/cli/test_help_language.py``
fails for any help text of the parser that has none. Placeholders (``%s``, ``%(prog)s``)
stay as they are.
"""

from __future__ import annotations

ARGPARSE = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示此帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "ambiguous option: %(option)s could match %(matches)s":
        "选项不明确：%(option)s 可能是 %(matches)s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "无效的选择：%(value)r（可选：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多一个值",
    "expected at least one argument": "至少一个值",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "the following arguments are required: %s": "缺少以下参数：%s",
    "one of the arguments %s is required": "需要以下参数之一：%s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "unexpected option string: %s": "意外的选项：%s",
    "ignored explicit argument %r": "忽略了多余的值 %r",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "未知的子命令 %(parser_name)r（可选：%(choices)s）",
}
"""argparse's own words (headings, usage, errors), from its ``gettext`` calls."""

PLURALS = {
    "expected %s argument": ("需要 %s 个值", "需要 %s 个值"),
}

HELP = {
    "Real-time etiquette assistant for call-centre agents (runs fully offline).":
        "客服坐席实时礼仪助手（完全离线运行）。",
    "language of the terminal's words (default: from LANG); JSON output is the same in every "
    "language": "终端文字的语言（默认按 LANG）；JSON 输出不随语言变化",
    "run a recorded call through the pipeline": "用同一流程分析一段通话录音",
    "live capture, headless: prompts on stdout": "实时采集（无窗口）：提示打印在终端",
    "analyse the bundled demo call (--overlay: play it in the overlay)":
        "分析内置的演示通话（--overlay：在浮窗里播放）",
    "prompt packs": "提示包：检查、签名、验证、信任密钥",
    "offline speech models": "离线语音模型",
    "list audio input devices": "列出音频输入设备",
    "synthesise a call from a scenario file (espeak-ng)": "按场景文件合成一通通话（espeak-ng）",
    "tell the running assistant about the call (softphone hooks, hotkeys)":
        "告诉正在运行的助手通话状态（软电话挂钩、热键）",
    "a coaching report as HTML or PDF: one session, or an agent's or the team's calls":
        "生成辅导报告（HTML 或 PDF）：一通通话，或某坐席、整个团队的通话",
    "recorded calls: list, show, export, import, purge, note":
        "录下的通话：列出、查看、导出、导入、清理、批注",
    "the supervisor's pack editor (window)": "主管的提示包编辑器（窗口）",
    "replay recorded calls on a timeline (trainers)": "在时间轴上回放录下的通话（培训师）",
    "WAV or FLAC (stereo = agent + caller), or a folder of them (batch: a table per agent)":
        "WAV 或 FLAC（立体声 = 坐席 + 客户），或装有录音的文件夹（批量：每位坐席一张表）",
    "language (default: the pack's, else zh)": "语言（默认取提示包的，否则为 zh）",
    "prompt pack TOML (default: default-LANG)": "提示包 TOML 文件（默认：default-LANG）",
    "which side of a stereo recording is the agent": "立体声录音的哪一侧是坐席",
    "vosk model folder (default: installed for LANG)": "vosk 模型文件夹（默认：为 LANG 安装的模型）",
    "grammar: vosk, phrase lists only (fast); free: vosk, full text; whisper: Whisper base, "
    "full text (zh, en; the model's folder is --model); off: acoustic only":
        "grammar：vosk，只认话术列表（快）；free：vosk，全文；whisper：Whisper base，全文"
        "（zh、en；模型文件夹用 --model 指定）；off：只做声学检查",
    "JSON lines instead of a timeline": "输出 JSON 行，而不是时间线",
    "local start time, ISO (default: the file's modification time)":
        "通话开始的本地时间，ISO 格式（默认：文件的修改时间）",
    "keep the call as a session (`assistant sessions`); audio too if the pack records it":
        "把通话保存为一条记录（`assistant sessions`）；提示包要求录音时连音频一起保存",
    "folder: calls analysed in parallel (default: the CPU cores)":
        "文件夹：并行分析的通话数（默认：CPU 核数）",
    "agent microphone: index or part of the name (default input)":
        "坐席麦克风：编号或名称的一部分（默认输入设备）",
    "caller audio: the softphone's output device by loopback (\"… [Loopback]\", \"Monitor of "
    "…\"), index or part of the name; omit for agent only":
        "客户声音：软电话输出设备的回环（“… [Loopback]”、“Monitor of …”），编号或名称的一部分；"
        "省略则只采集坐席",
    "input channel of the agent device (0 = first)": "坐席设备的输入声道（0 = 第一个）",
    "input channel of the caller device (0 = first)": "客户设备的输入声道（0 = 第一个）",
    "stop after this much audio (default: until Ctrl-C)": "采集这么多秒音频后停止（默认：直到 Ctrl-C）",
    "play the call through the pipeline into the overlay window": "把通话经同一流程播放到浮窗里",
    "with --overlay: playback speed (1 = real time)": "与 --overlay 一起：播放速度（1 = 实时）",
    "render the overlay at --at seconds to a PNG (offscreen) and exit":
        "把浮窗在 --at 秒时的样子渲染成 PNG（离屏）后退出",
    "audio time of the --screenshot (default 30)": "--screenshot 的音频时间（默认 30）",
    "overlay language (default: the pack's)": "浮窗语言（默认取提示包的）",
    "overlay mode (default: the last one used)": "浮窗模式（默认：上次使用的）",
    "check packs; errors name file:line: field": "检查提示包；错误会指明 文件:行: 字段",
    "make a supervisor's Ed25519 signing key pair": "生成主管的 Ed25519 签名密钥对",
    "validate and sign a pack for the managed folder": "检查并签名提示包，供受管文件夹使用",
    "check signed packs as an agent's app would": "像坐席端一样检查已签名的提示包",
    "administrators: trust a signing key (and set the managed folder)":
        "管理员：信任一个签名公钥（并设置受管文件夹）",
    "folder of trusted .pub keys for signed files (default: the site's trusted-keys)":
        "存放受信任 .pub 公钥的文件夹，用于已签名文件（默认：本机的 trusted-keys）",
    "Writes NAME.key (private, mode 0600: keep it to yourself) and NAME.pub (give it to the "
    "administrator, who installs it in the agents' trusted-keys folder).":
        "写出 NAME.key（私钥，权限 0600：请自己保管）和 NAME.pub（交给管理员，由其安装到坐席的 "
        "trusted-keys 文件夹）。",
    "file name stem (default: supervisor)": "文件名（不含扩展名，默认：supervisor）",
    "The signed file is the pack text plus a last '# signature:' line. Its version must be "
    "higher than the one already at --out (agents never go back to a lower version); --bump "
    "raises it for you.":
        "签名后的文件是提示包文本加上最后一行“# signature:”。其版本必须高于 --out 处已有的版本"
        "（坐席端从不退回低版本）；--bump 会替你提高版本。",
    "the .key file from keygen": "keygen 生成的 .key 文件",
    "raise the last part of [pack] version above the one at --out":
        "把 [pack] version 的最后一段提高到 --out 处版本之上",
    "Says for each file: ok (who signed it), unsigned, tampered, signed by an untrusted key, "
    "or not a valid pack (file:line: field).":
        "逐个文件说明：ok（谁签的名）、未签名、已被改动、签名密钥不受信任，或不是有效的提示包"
        "（文件:行: 字段）。",
    "folder of trusted .pub keys (default: the site's trusted-keys)":
        "存放受信任 .pub 公钥的文件夹（默认：本机的 trusted-keys）",
    "Copies the public key into the site's trusted-keys folder and, with --managed-folder, "
    "writes the [packs] table of the site policy (keeping its [locked] settings). Run as an "
    "administrator.":
        "把公钥复制到本机的 trusted-keys 文件夹；加 --managed-folder 时，还会写入本机策略的 "
        "[packs] 表（保留其 [locked] 设置）。请以管理员身份运行。",
    "the .pub file from keygen": "keygen 生成的 .pub 文件",
    "the share agents read signed packs from": "坐席端读取已签名提示包的共享文件夹",
    "only packs with this [pack] id": "只接受 [pack] id 为此值的提示包",
    "installed and known models": "已安装和可安装的模型",
    "download (or unpack --from) a model": "下载（或用 --from 解包）一个模型",
    "check an installed model": "检查一个已安装的模型",
    "a vosk model's language, or whisper-base (zh and en, one model)":
        "vosk 模型的语言，或 whisper-base（zh 和 en 共用一个模型）",
    "install from a downloaded zip (whisper-base: a zip or folder)":
        "从下载好的 zip 安装（whisper-base：zip 或文件夹）",
    "zh|en|ko|whisper-base or a model folder": "zh|en|ko|whisper-base 或模型文件夹",
    "WAV or FLAC to write": "要写出的 WAV 或 FLAC 文件",
    "Mark a call event in the running assistant. ring: the phone is ringing (answer within "
    "three rings); dial: the agent places a call and it rings at the other end (hang up only "
    "after six rings); start: answered; hold / resume: the caller is put on hold and back; "
    "end: hung up (--by says who hung up first).":
        "告诉正在运行的助手通话中的事件。ring：来电振铃（三声内接听）；dial：坐席外呼，对方振铃"
        "（响满六声再挂断）；start：已接通；hold / resume：客户被置于等待 / 恢复通话；end：挂断"
        "（--by 说明谁先挂断）。",
    "who did it (for end: who hung up first)": "由谁发起（对 end：谁先挂断）",
    "session id or a unique prefix of it (see `assistant sessions list`)":
        "记录编号或其唯一前缀（见 `assistant sessions list`）",
    "a report over this agent's stored calls (name or id)": "汇总这位坐席已保存通话的报告（姓名或工号）",
    "a report over every agent's calls": "汇总所有坐席通话的报告",
    "with --agent/--all: calls on or after this day": "与 --agent/--all 一起：这一天及以后的通话",
    "with --agent/--all: calls on or before this day": "与 --agent/--all 一起：这一天及以前的通话",
    "report.html or report.pdf": "report.html 或 report.pdf",
    "report language (default: the pack's)": "报告语言（默认取提示包的）",
    "every session, newest first": "所有记录，最新的在前",
    "a session's header and timeline": "一条记录的概要和时间线",
    "write a session to a folder for a trainer": "把一条记录导出到文件夹，交给培训师",
    "add sessions exported on another machine": "导入在另一台电脑上导出的记录",
    "delete sessions and their audio": "删除记录及其音频",
    "a trainer's note at a time of the call": "培训师在通话某一时刻的批注",
    "one JSON object per line": "每行一个 JSON 对象",
    "session id (or a unique prefix)": "记录编号（或唯一前缀）",
    "JSON lines: prompts, then summary": "JSON 行：先是提示，然后是总结",
    "folder to write <DIR>/<id>/ into (created, private)": "写入 <DIR>/<id>/ 的文件夹（会新建，仅本人可读）",
    "an export folder, or a folder holding several": "一个导出文件夹，或装有多个导出的文件夹",
    "sessions that started more than DAYS days ago": "开始于 DAYS 天以前的记录",
    "every session (asks first)": "所有记录（会先询问）",
    "do not ask before deleting every session (scripts)": "删除所有记录前不询问（用于脚本）",
    "pack to edit (default: a copy of the default pack for --lang)":
        "要编辑的提示包（默认：--lang 语言默认提示包的副本）",
    "language of the default pack to start from": "作为起点的默认提示包的语言",
    "the editor's own language (default: zh for a zh pack, else en)":
        "编辑器自身的语言（默认：zh 提示包用 zh，否则 en）",
    "signing key for Export (.key)": "导出时用的签名私钥（.key）",
    "session id (or unique prefix), or an exported session folder": "记录编号（或唯一前缀），或导出的记录文件夹",
    "window language (default zh)": "窗口语言（默认 zh）",
    "session store folder (default: the user data dir's sessions/)":
        "记录存放文件夹（默认：用户数据目录下的 sessions/）",
    "start with the playhead here": "播放头从这里开始",
    "replay silently": "静音回放",
    "render the window to a PNG (offscreen) and exit": "把窗口渲染成 PNG（离屏）后退出",
    "without audio devices, just say so and exit (for CI / no display)":
        "没有音频设备时只说明并退出（用于 CI / 无显示器）",
    "the central store: serve it, enrol agents, send sessions; the live floor view":
        "中心存储：提供服务、登记坐席、上传记录；实时现场视图",
    "folder or manifest (.csv/.txt: path[,agent_name,agent_id,call_time] per line): analyse on "
    "the Dask cluster at ADDRESS (tcp://host:8786, or a scheduler file .json); every call is "
    "written to the central store, else the local session store":
        "文件夹或清单（.csv/.txt：每行 path[,agent_name,agent_id,call_time]）：在 ADDRESS 处的 "
        "Dask 集群上分析（tcp://host:8786，或调度器文件 .json）；每通通话写入中心存储，"
        "否则写入本机记录",
    "create or update the central store's schema": "创建或更新中心存储的数据库结构",
    "run the service agents send sessions to": "运行接收坐席上传记录的服务",
    "issue a credential for an agent (or a trainer)": "为坐席（或培训师）签发凭据",
    "revoke every credential of an agent": "吊销某坐席的全部凭据",
    "sessions waiting to be sent from this machine": "本机等待上传的记录",
    "send waiting sessions now": "立即上传等待中的记录",
    "the live floor window for supervisors": "主管的实时现场窗口",
    "PostgreSQL URL (default: $ASSISTANT_FLOOR_DB)": "PostgreSQL 地址（默认：$ASSISTANT_FLOOR_DB）",
    "no TLS (only behind a proxy that terminates TLS)": "不用 TLS（仅限在终结 TLS 的代理之后）",
    "database connections the service keeps (default 10)": "服务保持的数据库连接数（默认 10）",
    "the agent's id (工号) as its app's settings carry it": "坐席的工号，与其应用设置中的一致",
    "agent: its own calls; trainer, supervisor: read every call; batch: archive analysis, writes "
    "any agent's calls":
        "agent：只限本人的通话；trainer、supervisor：可读所有通话；batch：归档分析，可写入任何坐席"
        "的通话",
    "write the credential here (0600) instead of printing it": "把凭据写到这里（权限 0600），而不是打印出来",
    "the floor service, e.g. https://floor.example:8443": "现场服务地址，例如 https://floor.example:8443",
    "the supervisor's credential (default: $ASSISTANT_FLOOR_TOKEN)":
        "主管的凭据（默认：$ASSISTANT_FLOOR_TOKEN）",
    "CA certificate of the service's TLS certificate (PEM)": "服务 TLS 证书的 CA 证书（PEM）",
    "show this team first (the filter)": "先显示这个团队（筛选条件）",
    "session store for replays and reports (default: the user's)": "回放和报告用的记录存储（默认：本用户的）",
    "where coaching reports are written (default: ~/coaching-reports)":
        "辅导报告写到哪里（默认：~/coaching-reports）",
    "read replays and reports from this session store folder (default: the central store of "
    "--server)": "回放和报告从这个记录存储文件夹读取（默认：--server 的中心存储）",
    "render the window to a PNG once the floor has arrived, and exit":
        "现场数据到达后把窗口渲染成 PNG 并退出",
}
"""Every help text and description of the ``assistant`` parsers."""
