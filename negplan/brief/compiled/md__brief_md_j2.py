from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'brief.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    pass
    yield from context.blocks['header'][0](context)
    yield '\n'
    yield from context.blocks['goals'][0](context)
    yield '\n'
    yield from context.blocks['value'][0](context)
    yield '\n'
    yield from context.blocks['interests'][0](context)
    yield '\n'
    yield from context.blocks['variables'][0](context)
    yield '\n'
    yield from context.blocks['concessions'][0](context)
    yield '\n'
    yield from context.blocks['walk_away'][0](context)
    yield '\n'
    yield from context.blocks['economics'][0](context)
    yield '\n'
    yield from context.blocks['alternatives'][0](context)
    yield '\n'
    yield from context.blocks['signoffs'][0](context)
    yield from context.blocks['questions'][0](context)
    yield '\n'
    yield from context.blocks['asks'][0](context)
    yield '\n'
    yield from context.blocks['findings'][0](context)

def block_header(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_deal = resolve('deal')
    l_0_title = resolve('title')
    l_0_redacted = resolve('redacted')
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
    yield '# '
    yield str(environment.finalize(environment.getattr((undefined(name='deal') if l_0_deal is missing else l_0_deal), 'title')))
    yield '\n\n**'
    yield str(environment.finalize((undefined(name='title') if l_0_title is missing else l_0_title)))
    yield '** · '
    yield str(environment.finalize(environment.getattr((undefined(name='deal') if l_0_deal is missing else l_0_deal), 'customer')))
    if (undefined(name='redacted') if l_0_redacted is missing else l_0_redacted):
        pass
        yield ' · **REDACTED**: walk-away, authority and approvals left out'
    yield '\n\n\n**Meeting:** '
    yield str(environment.finalize((environment.getattr((undefined(name='deal') if l_0_deal is missing else l_0_deal), 'meeting') or 'not set')))
    yield ' · **Close:** '
    yield str(environment.finalize((environment.getattr((undefined(name='deal') if l_0_deal is missing else l_0_deal), 'close') or 'not set')))
    yield ' · **Owner:** '
    yield str(environment.finalize(environment.getattr((undefined(name='deal') if l_0_deal is missing else l_0_deal), 'owner')))
    if environment.getattr((undefined(name='deal') if l_0_deal is missing else l_0_deal), 'region'):
        pass
        yield ' · **Region:** '
        yield str(environment.finalize(environment.getattr((undefined(name='deal') if l_0_deal is missing else l_0_deal), 'region')))
    if environment.getattr((undefined(name='deal') if l_0_deal is missing else l_0_deal), 'segment'):
        pass
        yield ' · **Segment:** '
        yield str(environment.finalize(environment.getattr((undefined(name='deal') if l_0_deal is missing else l_0_deal), 'segment')))
    if environment.getattr((undefined(name='deal') if l_0_deal is missing else l_0_deal), 'list_value'):
        pass
        yield ' · **List value:** '
        yield str(environment.finalize(environment.getattr((undefined(name='deal') if l_0_deal is missing else l_0_deal), 'list_value')))
    yield '\n\n\n**Decides:** '
    yield str(environment.finalize((t_1(context.eval_ctx, environment.getattr((undefined(name='deal') if l_0_deal is missing else l_0_deal), 'buyer_decision_makers'), ', ') if environment.getattr((undefined(name='deal') if l_0_deal is missing else l_0_deal), 'buyer_decision_makers') else 'buyer side unknown')))
    if environment.getattr((undefined(name='deal') if l_0_deal is missing else l_0_deal), 'approver'):
        pass
        yield ' · **Our approver:** '
        yield str(environment.finalize(environment.getattr((undefined(name='deal') if l_0_deal is missing else l_0_deal), 'approver')))
    if environment.getattr((undefined(name='deal') if l_0_deal is missing else l_0_deal), 'lead'):
        pass
        yield ' · **Lead:** '
        yield str(environment.finalize(environment.getattr((undefined(name='deal') if l_0_deal is missing else l_0_deal), 'lead')))
    yield '\n\n\n**Readiness: '
    yield str(environment.finalize(environment.getattr((undefined(name='readiness') if l_0_readiness is missing else l_0_readiness), 'label')))
    yield '** · '
    yield str(environment.finalize(environment.getattr((undefined(name='readiness') if l_0_readiness is missing else l_0_readiness), 'summary')))
    if environment.getattr((undefined(name='readiness') if l_0_readiness is missing else l_0_readiness), 'rules'):
        pass
        yield ' ('
        yield str(environment.finalize(t_1(context.eval_ctx, environment.getattr((undefined(name='readiness') if l_0_readiness is missing else l_0_readiness), 'rules'), ', ')))
        yield ')'
    yield ' · checked '
    yield str(environment.finalize((undefined(name='today') if l_0_today is missing else l_0_today)))
    yield ' against '
    yield str(environment.finalize((undefined(name='playbook') if l_0_playbook is missing else l_0_playbook)))
    yield '\n'

def block_goals(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_goals = resolve('goals')
    pass
    yield '## Goals\n\n'
    t_2 = 1
    for l_1_g in (undefined(name='goals') if l_0_goals is missing else l_0_goals):
        _loop_vars = {}
        pass
        yield '- **'
        yield str(environment.finalize(environment.getattr(l_1_g, 'priority')))
        yield '**: '
        yield str(environment.finalize(environment.getattr(l_1_g, 'goal')))
        yield '\n'
        t_2 = 0
    l_1_g = missing
    if t_2:
        pass
        yield '_None recorded._\n'

def block_value(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_value = resolve('value')
    pass
    yield '## Value\n\n'
    if environment.getattr((undefined(name='value') if l_0_value is missing else l_0_value), 'statement'):
        pass
        yield str(environment.finalize(environment.getattr((undefined(name='value') if l_0_value is missing else l_0_value), 'statement')))
        yield '\n'
    else:
        pass
        yield '_No value statement._\n'
    if environment.getattr((undefined(name='value') if l_0_value is missing else l_0_value), 'proof_points'):
        pass
        yield '\n'
        for l_1_p in environment.getattr((undefined(name='value') if l_0_value is missing else l_0_value), 'proof_points'):
            _loop_vars = {}
            pass
            yield '- '
            yield str(environment.finalize(l_1_p))
            yield '\n'
        l_1_p = missing

def block_interests(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_interests = resolve('interests')
    pass
    yield '## Buyer interests\n\n'
    t_3 = 1
    for l_1_i in (undefined(name='interests') if l_0_interests is missing else l_0_interests):
        _loop_vars = {}
        pass
        yield '- '
        yield str(environment.finalize(environment.getattr(l_1_i, 'interest')))
        if environment.getattr(l_1_i, 'holder'):
            pass
            yield ' · '
            yield str(environment.finalize(environment.getattr(l_1_i, 'holder')))
        if environment.getattr(l_1_i, 'priority'):
            pass
            yield ' · '
            yield str(environment.finalize(environment.getattr(l_1_i, 'priority')))
        yield ' · _'
        yield str(environment.finalize(environment.getattr(l_1_i, 'status')))
        yield '_'
        if environment.getattr(l_1_i, 'evidence'):
            pass
            yield ': '
            yield str(environment.finalize(environment.getattr(l_1_i, 'evidence')))
        yield '\n'
        t_3 = 0
    l_1_i = missing
    if t_3:
        pass
        yield '_None recorded._\n'

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
    yield '## Positions\n\n'
    if (undefined(name='variables') if l_0_variables is missing else l_0_variables):
        pass
        if (undefined(name='redacted') if l_0_redacted is missing else l_0_redacted):
            pass
            yield '| Term | Opening | Target |\n|---|---|---|\n'
            for l_1_v in (undefined(name='variables') if l_0_variables is missing else l_0_variables):
                _loop_vars = {}
                pass
                yield '| '
                yield str(environment.finalize(environment.getattr(l_1_v, 'name')))
                yield ' | '
                yield str(environment.finalize(environment.getattr(l_1_v, 'opening')))
                yield ' | '
                yield str(environment.finalize(environment.getattr(l_1_v, 'target')))
                yield ' |\n'
            l_1_v = missing
        else:
            pass
            yield '| Term | Opening | Target | Walk-away | Rep limit | Sign-off |\n|---|---|---|---|---|---|\n'
            for l_1_v in (undefined(name='variables') if l_0_variables is missing else l_0_variables):
                _loop_vars = {}
                pass
                yield '| '
                yield str(environment.finalize(environment.getattr(l_1_v, 'name')))
                yield ' | '
                yield str(environment.finalize(environment.getattr(l_1_v, 'opening')))
                yield ' | '
                yield str(environment.finalize(environment.getattr(l_1_v, 'target')))
                yield ' | '
                yield str(environment.finalize(environment.getattr(l_1_v, 'walk_away')))
                yield ' | '
                yield str(environment.finalize(environment.getattr(l_1_v, 'authority')))
                yield ' | '
                if environment.getattr(l_1_v, 'past_authority'):
                    pass
                    yield '**needs '
                    yield str(environment.finalize(environment.getattr(l_1_v, 'signoff')))
                    yield '**'
                else:
                    pass
                    yield '—'
                yield ' |\n'
            l_1_v = missing
        def t_4(fiter):
            for l_1_v in fiter:
                if environment.getattr(l_1_v, 'notes'):
                    yield l_1_v
        l_1_loop = missing
        for l_1_v, l_1_loop in LoopContext(t_4((undefined(name='variables') if l_0_variables is missing else l_0_variables)), undefined):
            _loop_vars = {}
            pass
            if environment.getattr(l_1_loop, 'first'):
                pass
                yield '\n'
            yield '- **'
            yield str(environment.finalize(environment.getattr(l_1_v, 'name')))
            yield ':** '
            yield str(environment.finalize(environment.getattr(l_1_v, 'notes')))
            yield '\n'
        l_1_loop = l_1_v = missing
    else:
        pass
        yield '_No variables._\n'

def block_concessions(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_concessions = resolve('concessions')
    pass
    yield '## Concession plan\n\n'
    if (undefined(name='concessions') if l_0_concessions is missing else l_0_concessions):
        pass
        yield '| # | Give | Get | Condition |\n|---|---|---|---|\n'
        for l_1_c in (undefined(name='concessions') if l_0_concessions is missing else l_0_concessions):
            _loop_vars = {}
            pass
            yield '| '
            yield str(environment.finalize(environment.getattr(l_1_c, 'step')))
            yield ' | '
            yield str(environment.finalize(environment.getattr(l_1_c, 'give')))
            yield ' | '
            yield str(environment.finalize((environment.getattr(l_1_c, 'get') or '**nothing**')))
            yield ' | '
            yield str(environment.finalize((environment.getattr(l_1_c, 'condition') or '—')))
            yield ' |\n'
        l_1_c = missing
    else:
        pass
        yield '_No concessions planned._\n'

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
    yield '## Walk-away\n\n'
    if (undefined(name='redacted') if l_0_redacted is missing else l_0_redacted):
        pass
        yield '_Left out of this redacted brief._\n'
    elif (undefined(name='walk_away') if l_0_walk_away is missing else l_0_walk_away):
        pass
        yield '**'
        yield str(environment.finalize((undefined(name='walk_away') if l_0_walk_away is missing else l_0_walk_away)))
        yield '**\n'
    else:
        pass
        yield '_No walk-away summary._\n'

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
        yield '\n## Deal economics\n\n'
        yield str(environment.finalize((undefined(name='economics') if l_0_economics is missing else l_0_economics)))
        yield '\n'

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
    yield '## Alternatives\n\n- **Ours**'
    if (undefined(name='ours') if l_0_ours is missing else l_0_ours):
        pass
        yield ' (_'
        yield str(environment.finalize(environment.getattr((undefined(name='ours') if l_0_ours is missing else l_0_ours), 'status')))
        yield '_): '
        yield str(environment.finalize(environment.getattr((undefined(name='ours') if l_0_ours is missing else l_0_ours), 'description')))
        if environment.getattr((undefined(name='ours') if l_0_ours is missing else l_0_ours), 'evidence'):
            pass
            yield ' · '
            yield str(environment.finalize(environment.getattr((undefined(name='ours') if l_0_ours is missing else l_0_ours), 'evidence')))
    else:
        pass
        yield ': not recorded'
    yield '\n- **Theirs**'
    if (undefined(name='theirs') if l_0_theirs is missing else l_0_theirs):
        pass
        yield ' (_'
        yield str(environment.finalize(environment.getattr((undefined(name='theirs') if l_0_theirs is missing else l_0_theirs), 'status')))
        yield '_): '
        yield str(environment.finalize(environment.getattr((undefined(name='theirs') if l_0_theirs is missing else l_0_theirs), 'description')))
        if environment.getattr((undefined(name='theirs') if l_0_theirs is missing else l_0_theirs), 'evidence'):
            pass
            yield ' · '
            yield str(environment.finalize(environment.getattr((undefined(name='theirs') if l_0_theirs is missing else l_0_theirs), 'evidence')))
    else:
        pass
        yield ': not recorded'
    yield '\n'

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
        yield '## Approvals and sign-offs\n\n'
        t_5 = 1
        for l_1_s in (undefined(name='signoffs') if l_0_signoffs is missing else l_0_signoffs):
            _loop_vars = {}
            pass
            yield '- **'
            yield str(environment.finalize(environment.getattr(l_1_s, 'who')))
            yield '**: '
            yield str(environment.finalize(environment.getattr(l_1_s, 'what')))
            yield ' · '
            if environment.getattr(l_1_s, 'done'):
                pass
                yield str(environment.finalize(environment.getattr(l_1_s, 'status')))
            else:
                pass
                yield '**'
                yield str(environment.finalize(environment.getattr(l_1_s, 'status')))
                yield '**'
            if environment.getattr(l_1_s, 'date'):
                pass
                yield ' '
                yield str(environment.finalize(environment.getattr(l_1_s, 'date')))
            if environment.getattr(l_1_s, 'notes'):
                pass
                yield ' · '
                yield str(environment.finalize(environment.getattr(l_1_s, 'notes')))
            yield '\n'
            t_5 = 0
        l_1_s = missing
        if t_5:
            pass
            yield "_None needed: every position is within the rep's authority._\n"
        yield '\n'

def block_questions(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_questions = resolve('questions')
    pass
    yield '## Questions to ask\n\n'
    l_1_loop = missing
    t_6 = 1
    for l_1_q, l_1_loop in LoopContext((undefined(name='questions') if l_0_questions is missing else l_0_questions), undefined):
        _loop_vars = {}
        pass
        yield str(environment.finalize(environment.getattr(l_1_loop, 'index')))
        yield '. '
        yield str(environment.finalize(l_1_q))
        yield '\n'
        t_6 = 0
    l_1_loop = l_1_q = missing
    if t_6:
        pass
        yield '_None recorded._\n'

def block_asks(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_asks = resolve('asks')
    pass
    yield '## Anticipated asks\n\n'
    t_7 = 1
    for l_1_a in (undefined(name='asks') if l_0_asks is missing else l_0_asks):
        _loop_vars = {}
        pass
        yield '- **'
        yield str(environment.finalize(environment.getattr(l_1_a, 'ask')))
        yield '** → '
        yield str(environment.finalize((environment.getattr(l_1_a, 'response') or 'no response planned')))
        yield '\n'
        t_7 = 0
    l_1_a = missing
    if t_7:
        pass
        yield '_None recorded._\n'

def block_findings(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_findings = resolve('findings')
    pass
    yield '## Check findings\n\n'
    t_8 = 1
    for l_1_f in (undefined(name='findings') if l_0_findings is missing else l_0_findings):
        _loop_vars = {}
        pass
        yield '- '
        yield str(environment.finalize(environment.getattr(l_1_f, 'line')))
        yield ':'
        yield str(environment.finalize(environment.getattr(l_1_f, 'col')))
        yield ' **'
        yield str(environment.finalize(environment.getattr(l_1_f, 'severity')))
        yield '** '
        yield str(environment.finalize(environment.getattr(l_1_f, 'code')))
        if environment.getattr(l_1_f, 'name'):
            pass
            yield ' '
            yield str(environment.finalize(environment.getattr(l_1_f, 'name')))
        if environment.getattr(l_1_f, 'message'):
            pass
            yield ': '
            yield str(environment.finalize(environment.getattr(l_1_f, 'message')))
        yield '\n'
        t_8 = 0
    l_1_f = missing
    if t_8:
        pass
        yield '_No findings._\n'

blocks = {'header': block_header, 'goals': block_goals, 'value': block_value, 'interests': block_interests, 'variables': block_variables, 'concessions': block_concessions, 'walk_away': block_walk_away, 'economics': block_economics, 'alternatives': block_alternatives, 'signoffs': block_signoffs, 'questions': block_questions, 'asks': block_asks, 'findings': block_findings}
debug_info = '3=11&18=13&28=15&44=17&54=19&82=21&96=23&108=25&117=27&124=29&136=30&146=32&156=34&3=36&4=57&6=59&9=66&12=84&15=94&18=108&21=119&22=123&28=133&31=143&32=145&36=150&38=153&39=157&44=161&47=172&48=176&54=199&57=210&58=212&61=215&62=219&67=229&68=233&71=253&72=261&75=265&82=274&85=284&88=287&89=291&96=304&99=315&101=318&102=321&108=327&109=336&113=339&117=342&120=353&121=367&124=382&125=392&128=396&129=400&136=428&139=440&140=443&146=453&149=464&150=468&156=478&159=489&160=493'

# Generated by `python -m negplan.brief.precompile` from negplan/brief/templates/brief.md.j2
# for the md brief, with jinja2 3.1.6; do not edit.
