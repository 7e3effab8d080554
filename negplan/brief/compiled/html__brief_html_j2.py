from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'brief.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_deal = resolve('deal')
    l_0_title = resolve('title')
    pass
    yield '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="generator" content="negplan">\n<title>'
    yield escape(environment.finalize(environment.getattr((undefined(name='deal') if l_0_deal is missing else l_0_deal), 'title')))
    yield ' · '
    yield escape(environment.finalize((undefined(name='title') if l_0_title is missing else l_0_title)))
    yield '</title>\n<style>\n'
    yield from context.blocks['style'][0](context)
    yield '</style>\n</head>\n<body>\n'
    yield from context.blocks['header'][0](context)
    yield '\n<div class="cols">\n'
    yield from context.blocks['goals'][0](context)
    yield from context.blocks['value'][0](context)
    yield from context.blocks['interests'][0](context)
    yield '</div>\n\n'
    yield from context.blocks['variables'][0](context)
    yield '\n'
    yield from context.blocks['concessions'][0](context)
    yield '\n'
    yield from context.blocks['walk_away'][0](context)
    yield '\n<div class="cols">\n'
    yield from context.blocks['alternatives'][0](context)
    yield from context.blocks['signoffs'][0](context)
    yield from context.blocks['questions'][0](context)
    yield from context.blocks['asks'][0](context)
    yield '</div>\n\n'
    yield from context.blocks['findings'][0](context)
    yield '</body>\n</html>\n'

def block_style(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_paper = resolve('paper')
    pass
    yield '@page { size: '
    yield escape(environment.finalize(('letter' if ((undefined(name='paper') if l_0_paper is missing else l_0_paper) == 'letter') else 'A4')))
    yield '; margin: 8mm 9mm; }\n* { box-sizing: border-box; }\nhtml { -webkit-print-color-adjust: exact; print-color-adjust: exact; }\nbody {\n  margin: 0 auto; max-width: 200mm; padding: 6mm;\n  font-family: "Helvetica Neue", Helvetica, Arial, "Liberation Sans", "DejaVu Sans", "Noto Sans", sans-serif;\n  font-size: 8pt; line-height: 1.24; color: #1d232b; background: #fff;\n  overflow-wrap: anywhere; word-break: break-word;\n}\n@media print { body { padding: 0; max-width: none; } }\nh1 { font-size: 13.5pt; line-height: 1.15; margin: 0 0 1mm; color: #0d2a4a; }\nh2 {\n  font-size: 7.6pt; text-transform: uppercase; letter-spacing: .06em; color: #2a5d8f;\n  margin: 0 0 .8mm; padding-bottom: .4mm; border-bottom: .6pt solid #c9d6e3;\n}\np { margin: 0 0 .8mm; }\nul, ol { margin: 0; padding-left: 4mm; }\nli { margin: 0 0 .3mm; }\nsection { margin: 0 0 1.7mm; break-inside: avoid; }\n.kicker { font-size: 7.4pt; color: #5b6b7c; text-transform: uppercase; letter-spacing: .05em; }\n.facts { margin: .6mm 0 1.2mm; color: #333d48; }\n.facts b { color: #1d232b; font-weight: 600; }\n.facts span { display: inline-block; max-width: 100%; }\n.facts span + span::before { content: " · "; color: #9aa7b4; }\n.ready {\n  display: flex; gap: 2.5mm; align-items: baseline; padding: 1.2mm 2.2mm;\n  border-radius: 1.2mm; background: #e8f4ec; border: .6pt solid #9fcfae; margin-bottom: 2mm;\n}\n.ready.warn { background: #fdf6e3; border-color: #e6cf8b; }\n.ready.not { background: #fbe9e7; border-color: #e3a59c; }\n.badge { font-weight: 700; letter-spacing: .04em; white-space: nowrap; }\n.ready .badge { color: #1e6b3a; }\n.ready.warn .badge { color: #8a6100; }\n.ready.not .badge { color: #a12a1a; }\n.muted, .ready .meta { color: #5b6b7c; }\n.redacted { color: #a12a1a; font-weight: 700; }\n.cols { column-count: 2; column-gap: 6mm; margin-bottom: 1.7mm; }\n.cols section { break-inside: auto; }\n.cols p { orphans: 2; widows: 2; }\n.cols li, .cols p { break-inside: avoid; }\nh2 { break-after: avoid; }\ntable { width: 100%; border-collapse: collapse; font-size: 7.6pt; }\nth {\n  text-align: left; font-weight: 600; color: #5b6b7c; font-size: 7pt; text-transform: uppercase;\n  letter-spacing: .04em; border-bottom: .8pt solid #9fb3c8; padding: .5mm 1.2mm;\n}\ntd { border-bottom: .4pt solid #e1e7ee; padding: .4mm 1.2mm; vertical-align: top; }\ntd.num { white-space: nowrap; }\ntd.walk { font-weight: 700; color: #7a1f12; white-space: nowrap; }\ntd.step { color: #5b6b7c; }\n.c-step { width: 3%; } .c-give { width: 28%; } .c-get { width: 31%; } .c-cond { width: 38%; }\n.flag { color: #a12a1a; font-weight: 700; }\n.ok { color: #1e6b3a; }\n.prio { display: inline-block; min-width: 9mm; font-size: 6.8pt; font-weight: 700;\n  text-transform: uppercase; color: #2a5d8f; }\n.status { font-size: 7pt; color: #5b6b7c; font-style: italic; }\n.walkaway {\n  border-left: 1.4mm solid #a12a1a; background: #fbf0ee; padding: 1.2mm 2.4mm;\n  font-weight: 600; color: #3d1009;\n}\n.walkaway h2 { border: 0; color: #a12a1a; margin-bottom: .3mm; }\n.walkaway .economics { margin: .8mm 0 0; font-weight: normal; color: #1f2d3d; }\n.notes { margin-top: .8mm; color: #333d48; font-size: 7.8pt; }\n.findings li { font-size: 7.8pt; }\n.sev-error { color: #a12a1a; font-weight: 700; }\n.sev-warning { color: #8a6100; font-weight: 700; }\n.sev-info { color: #5b6b7c; font-weight: 700; }\n.ask { font-weight: 600; }\n'

def block_header(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_title = resolve('title')
    l_0_redacted = resolve('redacted')
    l_0_deal = resolve('deal')
    l_0_readiness = resolve('readiness')
    l_0_today = resolve('today')
    l_0_playbook = resolve('playbook')
    try:
        t_1 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    pass
    yield '<header>\n  <div class="kicker">'
    yield escape(environment.finalize((undefined(name='title') if l_0_title is missing else l_0_title)))
    if (undefined(name='redacted') if l_0_redacted is missing else l_0_redacted):
        pass
        yield ' · <span class="redacted">redacted: walk-away, authority and approvals left out</span>'
    yield '</div>\n  <h1>'
    yield escape(environment.finalize(environment.getattr((undefined(name='deal') if l_0_deal is missing else l_0_deal), 'title')))
    yield '</h1>\n  <div class="facts">\n    <span><b>'
    yield escape(environment.finalize(environment.getattr((undefined(name='deal') if l_0_deal is missing else l_0_deal), 'customer')))
    yield '</b></span>\n    <span>Meeting <b>'
    yield escape(environment.finalize((environment.getattr((undefined(name='deal') if l_0_deal is missing else l_0_deal), 'meeting') or 'not set')))
    yield '</b></span>\n    <span>Close <b>'
    yield escape(environment.finalize((environment.getattr((undefined(name='deal') if l_0_deal is missing else l_0_deal), 'close') or 'not set')))
    yield '</b></span>\n    <span>Owner <b>'
    yield escape(environment.finalize(environment.getattr((undefined(name='deal') if l_0_deal is missing else l_0_deal), 'owner')))
    yield '</b></span>\n'
    if environment.getattr((undefined(name='deal') if l_0_deal is missing else l_0_deal), 'region'):
        pass
        yield '<span>'
        yield escape(environment.finalize(environment.getattr((undefined(name='deal') if l_0_deal is missing else l_0_deal), 'region')))
        if environment.getattr((undefined(name='deal') if l_0_deal is missing else l_0_deal), 'segment'):
            pass
            yield ', '
            yield escape(environment.finalize(environment.getattr((undefined(name='deal') if l_0_deal is missing else l_0_deal), 'segment')))
        yield '</span>'
    if environment.getattr((undefined(name='deal') if l_0_deal is missing else l_0_deal), 'list_value'):
        pass
        yield '<span>List value <b>'
        yield escape(environment.finalize(environment.getattr((undefined(name='deal') if l_0_deal is missing else l_0_deal), 'list_value')))
        yield '</b></span>'
    yield '    <br>\n    <span>Buyer decides <b>'
    yield escape(environment.finalize((t_1(context.eval_ctx, environment.getattr((undefined(name='deal') if l_0_deal is missing else l_0_deal), 'buyer_decision_makers'), ', ') if environment.getattr((undefined(name='deal') if l_0_deal is missing else l_0_deal), 'buyer_decision_makers') else 'unknown')))
    yield '</b></span>\n'
    if environment.getattr((undefined(name='deal') if l_0_deal is missing else l_0_deal), 'approver'):
        pass
        yield '<span>Our approver <b>'
        yield escape(environment.finalize(environment.getattr((undefined(name='deal') if l_0_deal is missing else l_0_deal), 'approver')))
        yield '</b></span>'
    if environment.getattr((undefined(name='deal') if l_0_deal is missing else l_0_deal), 'lead'):
        pass
        yield '<span>Lead <b>'
        yield escape(environment.finalize(environment.getattr((undefined(name='deal') if l_0_deal is missing else l_0_deal), 'lead')))
        yield '</b></span>'
    yield '  </div>\n  <div class="ready'
    if (not environment.getattr((undefined(name='readiness') if l_0_readiness is missing else l_0_readiness), 'ready')):
        pass
        yield ' not'
    elif environment.getattr((undefined(name='readiness') if l_0_readiness is missing else l_0_readiness), 'warnings'):
        pass
        yield ' warn'
    yield '">\n    <span class="badge">'
    yield escape(environment.finalize(environment.getattr((undefined(name='readiness') if l_0_readiness is missing else l_0_readiness), 'label')))
    yield '</span>\n    <span>'
    yield escape(environment.finalize(environment.getattr((undefined(name='readiness') if l_0_readiness is missing else l_0_readiness), 'summary')))
    if environment.getattr((undefined(name='readiness') if l_0_readiness is missing else l_0_readiness), 'rules'):
        pass
        yield ': '
        yield escape(environment.finalize(t_1(context.eval_ctx, environment.getattr((undefined(name='readiness') if l_0_readiness is missing else l_0_readiness), 'rules'), ', ')))
    yield '</span>\n    <span class="meta">checked '
    yield escape(environment.finalize((undefined(name='today') if l_0_today is missing else l_0_today)))
    yield ' against '
    yield escape(environment.finalize((undefined(name='playbook') if l_0_playbook is missing else l_0_playbook)))
    yield '</span>\n  </div>\n</header>\n'

def block_goals(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_goals = resolve('goals')
    pass
    yield '<section class="goals">\n  <h2>Goals</h2>\n'
    if (undefined(name='goals') if l_0_goals is missing else l_0_goals):
        pass
        yield '  <ul>\n'
        for l_1_g in (undefined(name='goals') if l_0_goals is missing else l_0_goals):
            _loop_vars = {}
            pass
            yield '    <li><span class="prio">'
            yield escape(environment.finalize(environment.getattr(l_1_g, 'priority')))
            yield '</span> '
            yield escape(environment.finalize(environment.getattr(l_1_g, 'goal')))
            yield '</li>\n'
        l_1_g = missing
        yield '  </ul>\n'
    else:
        pass
        yield '<p class="muted">None recorded.</p>'
    yield '</section>\n'

def block_value(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_value = resolve('value')
    pass
    yield '<section class="value">\n  <h2>Value</h2>\n'
    if environment.getattr((undefined(name='value') if l_0_value is missing else l_0_value), 'statement'):
        pass
        yield '<p>'
        yield escape(environment.finalize(environment.getattr((undefined(name='value') if l_0_value is missing else l_0_value), 'statement')))
        yield '</p>'
    else:
        pass
        yield '<p class="muted">No value statement.</p>'
    if environment.getattr((undefined(name='value') if l_0_value is missing else l_0_value), 'proof_points'):
        pass
        yield '  <ul>\n'
        for l_1_p in environment.getattr((undefined(name='value') if l_0_value is missing else l_0_value), 'proof_points'):
            _loop_vars = {}
            pass
            yield '    <li>'
            yield escape(environment.finalize(l_1_p))
            yield '</li>\n'
        l_1_p = missing
        yield '  </ul>\n'
    yield '</section>\n'

def block_interests(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_interests = resolve('interests')
    pass
    yield '<section class="interests">\n  <h2>Buyer interests</h2>\n'
    if (undefined(name='interests') if l_0_interests is missing else l_0_interests):
        pass
        yield '  <ul>\n'
        for l_1_i in (undefined(name='interests') if l_0_interests is missing else l_0_interests):
            _loop_vars = {}
            pass
            yield '    <li>'
            if environment.getattr(l_1_i, 'priority'):
                pass
                yield '<span class="prio">'
                yield escape(environment.finalize(environment.getattr(l_1_i, 'priority')))
                yield '</span> '
            yield escape(environment.finalize(environment.getattr(l_1_i, 'interest')))
            if environment.getattr(l_1_i, 'holder'):
                pass
                yield ' <span class="muted">· '
                yield escape(environment.finalize(environment.getattr(l_1_i, 'holder')))
                yield '</span>'
            yield '      <span class="status">'
            yield escape(environment.finalize(environment.getattr(l_1_i, 'status')))
            if environment.getattr(l_1_i, 'evidence'):
                pass
                yield ': '
                yield escape(environment.finalize(environment.getattr(l_1_i, 'evidence')))
            yield '</span></li>\n'
        l_1_i = missing
        yield '  </ul>\n'
    else:
        pass
        yield '<p class="muted">None recorded.</p>'
    yield '</section>\n'

def block_variables(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_variables = resolve('variables')
    l_0_redacted = resolve('redacted')
    pass
    yield '<section class="variables">\n  <h2>Positions</h2>\n'
    if (undefined(name='variables') if l_0_variables is missing else l_0_variables):
        pass
        yield '  <table>\n    <thead><tr><th>Term</th><th>Opening</th><th>Target</th>'
        if (not (undefined(name='redacted') if l_0_redacted is missing else l_0_redacted)):
            pass
            yield '<th>Walk-away</th><th>Rep limit</th><th>Sign-off</th>'
        yield '</tr></thead>\n    <tbody>\n'
        for l_1_v in (undefined(name='variables') if l_0_variables is missing else l_0_variables):
            _loop_vars = {}
            pass
            yield '      <tr><td>'
            yield escape(environment.finalize(environment.getattr(l_1_v, 'name')))
            yield '</td><td class="num">'
            yield escape(environment.finalize(environment.getattr(l_1_v, 'opening')))
            yield '</td><td class="num">'
            yield escape(environment.finalize(environment.getattr(l_1_v, 'target')))
            yield '</td>'
            if (not (undefined(name='redacted') if l_0_redacted is missing else l_0_redacted)):
                pass
                yield '<td class="walk">'
                yield escape(environment.finalize(environment.getattr(l_1_v, 'walk_away')))
                yield '</td><td class="num">'
                yield escape(environment.finalize(environment.getattr(l_1_v, 'authority')))
                yield '</td><td>'
                if environment.getattr(l_1_v, 'past_authority'):
                    pass
                    yield '<span class="flag">needs '
                    yield escape(environment.finalize(environment.getattr(l_1_v, 'signoff')))
                    yield '</span>'
                else:
                    pass
                    yield '<span class="ok">within</span>'
                yield '</td>'
            yield '</tr>\n'
        l_1_v = missing
        yield '    </tbody>\n  </table>\n'
        def t_2(fiter):
            for l_1_v in fiter:
                if environment.getattr(l_1_v, 'notes'):
                    yield l_1_v
        l_1_loop = missing
        for l_1_v, l_1_loop in LoopContext(t_2((undefined(name='variables') if l_0_variables is missing else l_0_variables)), undefined):
            _loop_vars = {}
            pass
            if environment.getattr(l_1_loop, 'first'):
                pass
                yield '<div class="notes">'
            yield '  <b>'
            yield escape(environment.finalize(environment.getattr(l_1_v, 'name')))
            yield ':</b> '
            yield escape(environment.finalize(environment.getattr(l_1_v, 'notes')))
            if (not environment.getattr(l_1_loop, 'last')):
                pass
                yield ' · '
            if environment.getattr(l_1_loop, 'last'):
                pass
                yield '</div>'
        l_1_loop = l_1_v = missing
    else:
        pass
        yield '<p class="muted">No variables.</p>'
    yield '</section>\n'

def block_concessions(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_concessions = resolve('concessions')
    pass
    yield '<section class="concessions">\n  <h2>Concession plan</h2>\n'
    if (undefined(name='concessions') if l_0_concessions is missing else l_0_concessions):
        pass
        yield '  <table>\n    <colgroup><col class="c-step"><col class="c-give"><col class="c-get"><col class="c-cond"></colgroup>\n    <thead><tr><th>#</th><th>Give</th><th>Get</th><th>Condition</th></tr></thead>\n    <tbody>\n'
        for l_1_c in (undefined(name='concessions') if l_0_concessions is missing else l_0_concessions):
            _loop_vars = {}
            pass
            yield '      <tr><td class="step">'
            yield escape(environment.finalize(environment.getattr(l_1_c, 'step')))
            yield '</td><td>'
            yield escape(environment.finalize(environment.getattr(l_1_c, 'give')))
            yield '</td><td>'
            if environment.getattr(l_1_c, 'get'):
                pass
                yield escape(environment.finalize(environment.getattr(l_1_c, 'get')))
            else:
                pass
                yield '<span class="flag">nothing</span>'
            yield '</td><td>'
            yield escape(environment.finalize((environment.getattr(l_1_c, 'condition') or '—')))
            yield '</td></tr>\n'
        l_1_c = missing
        yield '    </tbody>\n  </table>\n'
    else:
        pass
        yield '<p class="muted">No concessions planned.</p>'
    yield '</section>\n'

def block_walk_away(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_redacted = resolve('redacted')
    l_0_walk_away = resolve('walk_away')
    pass
    yield '<section class="walkaway">\n  <h2>Walk-away</h2>\n'
    if (undefined(name='redacted') if l_0_redacted is missing else l_0_redacted):
        pass
        yield '<span class="muted">Left out of this redacted brief.</span>'
    elif (undefined(name='walk_away') if l_0_walk_away is missing else l_0_walk_away):
        pass
        yield escape(environment.finalize((undefined(name='walk_away') if l_0_walk_away is missing else l_0_walk_away)))
    else:
        pass
        yield '<span class="flag">No walk-away summary.</span>'
    yield from context.blocks['economics'][0](context)
    yield '</section>\n'

def block_economics(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_economics = resolve('economics')
    pass
    if (undefined(name='economics') if l_0_economics is missing else l_0_economics):
        pass
        yield '<p class="economics"><b>Deal economics:</b> '
        yield escape(environment.finalize((undefined(name='economics') if l_0_economics is missing else l_0_economics)))
        yield '</p>'

def block_alternatives(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_ours = resolve('ours')
    l_0_theirs = resolve('theirs')
    pass
    yield '<section class="alternatives">\n  <h2>Alternatives</h2>\n  <ul>\n    <li><b>Ours</b>'
    if (undefined(name='ours') if l_0_ours is missing else l_0_ours):
        pass
        yield ' <span class="status">'
        yield escape(environment.finalize(environment.getattr((undefined(name='ours') if l_0_ours is missing else l_0_ours), 'status')))
        yield '</span>: '
        yield escape(environment.finalize(environment.getattr((undefined(name='ours') if l_0_ours is missing else l_0_ours), 'description')))
        if environment.getattr((undefined(name='ours') if l_0_ours is missing else l_0_ours), 'evidence'):
            pass
            yield ' <span class="muted">· '
            yield escape(environment.finalize(environment.getattr((undefined(name='ours') if l_0_ours is missing else l_0_ours), 'evidence')))
            yield '</span>'
    else:
        pass
        yield ': <span class="flag">not recorded</span>'
    yield '</li>\n    <li><b>Theirs</b>'
    if (undefined(name='theirs') if l_0_theirs is missing else l_0_theirs):
        pass
        yield ' <span class="status">'
        yield escape(environment.finalize(environment.getattr((undefined(name='theirs') if l_0_theirs is missing else l_0_theirs), 'status')))
        yield '</span>: '
        yield escape(environment.finalize(environment.getattr((undefined(name='theirs') if l_0_theirs is missing else l_0_theirs), 'description')))
        if environment.getattr((undefined(name='theirs') if l_0_theirs is missing else l_0_theirs), 'evidence'):
            pass
            yield ' <span class="muted">· '
            yield escape(environment.finalize(environment.getattr((undefined(name='theirs') if l_0_theirs is missing else l_0_theirs), 'evidence')))
            yield '</span>'
    else:
        pass
        yield ': <span class="flag">not recorded</span>'
    yield '</li>\n  </ul>\n</section>\n'

def block_signoffs(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_redacted = resolve('redacted')
    l_0_signoffs = resolve('signoffs')
    pass
    if (not (undefined(name='redacted') if l_0_redacted is missing else l_0_redacted)):
        pass
        yield '<section class="signoffs">\n  <h2>Approvals and sign-offs</h2>\n'
        if (undefined(name='signoffs') if l_0_signoffs is missing else l_0_signoffs):
            pass
            yield '  <ul>\n'
            for l_1_s in (undefined(name='signoffs') if l_0_signoffs is missing else l_0_signoffs):
                _loop_vars = {}
                pass
                yield '    <li><b>'
                yield escape(environment.finalize(environment.getattr(l_1_s, 'who')))
                yield '</b>: '
                yield escape(environment.finalize(environment.getattr(l_1_s, 'what')))
                yield ' · '
                if environment.getattr(l_1_s, 'done'):
                    pass
                    yield '<span class="ok">'
                    yield escape(environment.finalize(environment.getattr(l_1_s, 'status')))
                    yield '</span>'
                else:
                    pass
                    yield '<span class="flag">'
                    yield escape(environment.finalize(environment.getattr(l_1_s, 'status')))
                    yield '</span>'
                if environment.getattr(l_1_s, 'date'):
                    pass
                    yield ' '
                    yield escape(environment.finalize(environment.getattr(l_1_s, 'date')))
                if environment.getattr(l_1_s, 'notes'):
                    pass
                    yield ' <span class="muted">· '
                    yield escape(environment.finalize(environment.getattr(l_1_s, 'notes')))
                    yield '</span>'
                yield '</li>\n'
            l_1_s = missing
            yield '  </ul>\n'
        else:
            pass
            yield '<p class="muted">None needed: every position is within the rep\'s authority.</p>'
        yield '</section>\n'

def block_questions(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_questions = resolve('questions')
    pass
    yield '<section class="questions">\n  <h2>Questions to ask</h2>\n'
    if (undefined(name='questions') if l_0_questions is missing else l_0_questions):
        pass
        yield '  <ol>\n'
        for l_1_q in (undefined(name='questions') if l_0_questions is missing else l_0_questions):
            _loop_vars = {}
            pass
            yield '    <li>'
            yield escape(environment.finalize(l_1_q))
            yield '</li>\n'
        l_1_q = missing
        yield '  </ol>\n'
    else:
        pass
        yield '<p class="muted">None recorded.</p>'
    yield '</section>\n'

def block_asks(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_asks = resolve('asks')
    pass
    yield '<section class="asks">\n  <h2>Anticipated asks</h2>\n'
    if (undefined(name='asks') if l_0_asks is missing else l_0_asks):
        pass
        yield '  <ul>\n'
        for l_1_a in (undefined(name='asks') if l_0_asks is missing else l_0_asks):
            _loop_vars = {}
            pass
            yield '    <li><span class="ask">'
            yield escape(environment.finalize(environment.getattr(l_1_a, 'ask')))
            yield '</span> → '
            yield escape(environment.finalize((environment.getattr(l_1_a, 'response') or 'no response planned')))
            yield '</li>\n'
        l_1_a = missing
        yield '  </ul>\n'
    else:
        pass
        yield '<p class="muted">None recorded.</p>'
    yield '</section>\n'

def block_findings(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_findings = resolve('findings')
    pass
    yield '<section class="findings">\n  <h2>Check findings</h2>\n'
    if (undefined(name='findings') if l_0_findings is missing else l_0_findings):
        pass
        yield '  <ul>\n'
        for l_1_f in (undefined(name='findings') if l_0_findings is missing else l_0_findings):
            _loop_vars = {}
            pass
            yield '    <li><span class="sev-'
            yield escape(environment.finalize(environment.getattr(l_1_f, 'severity')))
            yield '">'
            yield escape(environment.finalize(environment.getattr(l_1_f, 'severity')))
            yield '</span> '
            yield escape(environment.finalize(environment.getattr(l_1_f, 'code')))
            if environment.getattr(l_1_f, 'name'):
                pass
                yield ' '
                yield escape(environment.finalize(environment.getattr(l_1_f, 'name')))
            yield ' <span class="muted">(line '
            yield escape(environment.finalize(environment.getattr(l_1_f, 'line')))
            yield ')</span>'
            if environment.getattr(l_1_f, 'message'):
                pass
                yield ': '
                yield escape(environment.finalize(environment.getattr(l_1_f, 'message')))
            yield '</li>\n'
        l_1_f = missing
        yield '  </ul>\n'
    else:
        pass
        yield '<p class="muted">No findings: the plan passes every check.</p>'
    yield '</section>\n'

blocks = {'style': block_style, 'header': block_header, 'goals': block_goals, 'value': block_value, 'interests': block_interests, 'variables': block_variables, 'concessions': block_concessions, 'walk_away': block_walk_away, 'economics': block_economics, 'alternatives': block_alternatives, 'signoffs': block_signoffs, 'questions': block_questions, 'asks': block_asks, 'findings': block_findings}
debug_info = '10=14&12=18&85=20&110=22&122=23&135=24&150=26&171=28&188=30&197=32&206=33&220=34&232=35&246=37&12=40&13=50&85=53&87=74&88=79&90=81&91=83&92=85&93=87&94=89&95=98&97=104&98=106&99=111&101=117&102=124&103=126&104=132&110=137&113=147&115=150&116=154&122=165&125=175&126=183&128=186&129=190&135=196&138=206&140=209&141=213&142=225&150=238&153=249&155=252&157=256&158=260&162=285&163=293&164=297&165=303&171=312&174=322&179=325&180=329&188=349&191=360&192=369&197=387&201=398&202=413&206=429&207=439&210=442&212=445&213=449&220=480&223=490&225=493&226=497&232=506&235=516&237=519&238=523&246=534&249=544&251=547&252=551'

# Generated by `python -m negplan.brief.precompile` from negplan/brief/templates/brief.html.j2
# for the html brief, with jinja2 3.1.6; do not edit.
