import type { Messages } from './en.js';

// O catálogo em português do Brasil: tipado como `Messages`, então uma frase que falte ou um
// parâmetro de outro tipo não compila. Os parâmetros chegam prontos para o Discord (menções,
// `<t:…>`, nomes escapados), menos os números, formatados aqui para pt-BR.

const number = new Intl.NumberFormat('pt-BR');
const n = (value: number) => number.format(value);
const plural = new Intl.PluralRules('pt-BR');
/** `count` com o substantivo no singular ou no plural, como o português escolhe. */
const count = (value: number, one: string, other: string) =>
  `${n(value)} ${plural.select(value) === 'one' ? one : other}`;
/** Uma espera, em minutos quando são inteiros ("5 minutos"), senão em segundos ("90 segundos"). */
const duration = (seconds: number) =>
  seconds >= 60 && seconds % 60 === 0
    ? count(seconds / 60, 'minuto', 'minutos')
    : count(seconds, 'segundo', 'segundos');

export const ptBR: Messages = {
  locale: 'pt-BR',

  common: {
    noName: () => '(sem nome)',
    number: (p) => n(p.value),
    yes: () => 'sim',
    no: () => 'não',
    unknown: () => 'desconhecido',
    sandboxFooter: () =>
      'SANDBOX: um simulador local da Z-API respondeu. Nada chegou à Z-API e nada foi cobrado.',
    tokenSecret: (p) =>
      `Token da instância, visível só para você; mantenha-o em segredo: ${p.spoiler}`,
    andMore: (p) => `…e mais ${n(p.count)}: veja \`/zapi-list\`.`,
    sameNameInstances: (p) =>
      `${n(p.count)} instâncias se chamam "${p.name}". Escolha uma entre as sugestões de \`id\`.`,
    unknownInstance: (p) =>
      `\`id\`: nenhuma instância deste parceiro tem o id ou o nome "${p.typed}". Escolha uma entre as sugestões.`,
    fieldName: () => 'Nome',
    fieldId: () => 'ID',
    subscribeButton: () => 'Assinar',
    qrCodeButton: () => 'QR code',
    abortButton: () => 'Desistir',
    confirmButton: () => 'Confirmar',
    aborted: () => 'Cancelado: nada foi enviado à Z-API.',
  },

  errors: {
    fixOptions: (p) => `Nada foi enviado à Z-API. Corrija:\n${p.problems}`,
    fieldProblem: (p) => `${p.field}: ${p.reason}`,
    zapiSaid: (p) => `A Z-API disse: "${p.message}".`,
    tryAgain: (p) => `Tente de novo ${p.when}.`,
    internal: () => 'Algo deu errado dentro do bot. Foi registrado no log; não se sabe mais nada.',
    unknownCommand: (p) =>
      `Este bot não conhece \`/${p.command}\`: os comandos precisam ser registrados de novo (\`pnpm discord:deploy\`).`,
    unknownButton: () => 'Este botão não é mais atendido pelo bot.',
    resultNotShown: () => 'Não foi possível mostrar o resultado aqui.',
    resultNotShownCreated: (p) =>
      `Não foi possível mostrar o resultado aqui. A instância \`${p.id}\` foi criada: encontre-a com \`/zapi-list\`.`,
    restarting: () => 'O bot está reiniciando: nada foi feito. Tente de novo em um minuto.',
    zapi: {
      ZAPI_INVALID_INPUT: () => 'Algumas opções não são válidas.',
      ZAPI_UNAUTHORIZED: () =>
        'A Z-API recusou o token de parceiro. Quem opera o bot precisa verificar ZAPI_PARTNER_TOKEN.',
      ZAPI_FORBIDDEN: () =>
        'A Z-API recusou o pedido (proibido). Quem opera o bot precisa verificar ZAPI_CLIENT_TOKEN e as configurações de segurança da conta.',
      ZAPI_NOT_FOUND: () => 'A Z-API não conhece essa instância.',
      ZAPI_METHOD_NOT_ALLOWED: () =>
        'A Z-API recusou a chamada (método não permitido). É um bug do bot; por favor, informe.',
      ZAPI_UNSUPPORTED_MEDIA_TYPE: () =>
        'A Z-API recusou a chamada (tipo de conteúdo não suportado). É um bug do bot; por favor, informe.',
      ZAPI_REJECTED: () => 'A Z-API recusou o pedido.',
      ZAPI_RATE_LIMITED: () =>
        'A Z-API está limitando a conta de parceiro. Nada foi feito; tente de novo daqui a pouco.',
      ZAPI_UPSTREAM_ERROR: () =>
        'A Z-API teve um erro interno. Nada foi feito; tente de novo daqui a pouco.',
      ZAPI_TIMEOUT: () =>
        'A Z-API não respondeu a tempo. Nada foi feito; tente de novo daqui a pouco.',
      ZAPI_NETWORK: () =>
        'O bot não conseguiu alcançar a Z-API. Nada foi feito; tente de novo daqui a pouco.',
      ZAPI_BAD_RESPONSE: () => 'A Z-API respondeu algo inesperado.',
      ZAPI_OUTCOME_UNKNOWN: () => 'A Z-API pode ou não ter feito isso.',
      IDEMPOTENCY_KEY_REUSED: () => 'Esse pedido já foi feito com outras opções. Nada foi enviado.',
      STORE_UNAVAILABLE: () =>
        'O estado compartilhado do bot (Redis) não pode ser alcançado. Nada foi enviado; tente de novo daqui a pouco.',
      ZAPI_CIRCUIT_OPEN: () =>
        'A Z-API falhou seguidamente, então o bot pausou por um momento a criação e a alteração de instâncias. Nada foi enviado; a listagem continua funcionando.',
    },
  },

  reasons: {
    required: () => 'é obrigatório',
    notKnownField: () => 'não é um campo conhecido',
    notValid: () => 'não é válido',
    mustBeText: () => 'precisa ser um texto',
    mustBeNumber: () => 'precisa ser um número',
    mustBeWholeNumber: () => 'precisa ser um número inteiro',
    mustBeTrueOrFalse: () => 'precisa ser verdadeiro ou falso',
    mustBeObject: () => 'precisa ser um objeto',
    mustBeList: () => 'precisa ser uma lista',
    mustBeDate: () => 'precisa ser uma data',
    mustBeTrueCalls: () => 'precisa ser verdadeiro (as chamadas não podem ser removidas)',
    notEmpty: () => 'não pode ficar vazio',
    atMostCharacters: (p) => `precisa ter no máximo ${count(p.max, 'caractere', 'caracteres')}`,
    atLeastCharacters: (p) => `precisa ter pelo menos ${count(p.min, 'caractere', 'caracteres')}`,
    atMostItems: (p) => `precisa ter no máximo ${count(p.max, 'item', 'itens')}`,
    atLeastItems: (p) => `precisa ter pelo menos ${count(p.min, 'item', 'itens')}`,
    atMost: (p) => `precisa ser no máximo ${n(p.max)}`,
    orMore: (p) => `precisa ser ${n(p.min)} ou mais`,
    multipleOf: (p) => `precisa ser múltiplo de ${n(p.divisor)}`,
    oneOf: (p) => `precisa ser um destes: ${p.values}`,
    webOrMobile: () => 'precisa ser "web" ou "mobile"',
    validFormat: (p) => `precisa ser um ${p.format} válido`,
    noControlCharacters: () => 'não pode conter caracteres de controle',
    noInvisibleCharacters: () => 'não pode conter caracteres invisíveis ou de controle',
    httpsUrl: () => 'precisa ser uma URL https://',
    httpsOrLoopbackUrl: () =>
      'precisa ser uma URL https:// (http simples só para um endereço de loopback)',
    validHttpsUrl: () => 'precisa ser uma URL https:// absoluta e válida',
    noSpacesInUrl: () => 'não pode conter espaços nem caracteres de controle',
    noCredentialsInUrl: () => 'não pode conter nome de usuário nem senha',
    zapiInstanceId: () => 'precisa ser um id de instância da Z-API (letras, dígitos, - e _)',
    zapiInstanceToken: () => 'precisa ser um token de instância da Z-API (letras, dígitos, - e _)',
    phoneNumber: () =>
      'precisa ser um número de telefone no formato internacional, só dígitos (5511999999999)',
    someWebhook: () => 'precisa alterar pelo menos um webhook',
  },

  access: {
    notInGuild: () => 'Os comandos da Z-API só funcionam dentro de um servidor.',
    guildNotAllowed: () =>
      'Este servidor não tem permissão para usar o bot da Z-API. Peça a quem o opera que o inclua em DISCORD_ALLOWED_GUILD_IDS.',
    roleNotAllowed: () =>
      'Você não tem um cargo com permissão para usar o bot da Z-API (DISCORD_ALLOWED_ROLE_IDS). Nada foi enviado à Z-API.',
  },

  guards: {
    cooldown: (p) =>
      `Você usou um comando pago há instantes. Tente de novo ${p.when}; nada foi enviado à Z-API.`,
    storeUnavailable: () =>
      'O bot não consegue alcançar o estado compartilhado (Redis), que impede que comandos pagos rodem duas vezes, por isso não rodou este. Nada foi enviado à Z-API: tente de novo em um minuto. Comandos que só leem (/zapi-list, /zapi-status) continuam funcionando.',
    someone: () => 'alguém',
    nameInFlight: (p) =>
      `Uma criação de "${p.name}" já está em andamento (iniciada por ${p.member}). Nada foi enviado de novo: espere terminar e confira /zapi-list.`,
    nameUnknown: (p) =>
      `Uma criação de "${p.name}" por ${p.member} pode ou não ter chegado à Z-API. Nada foi enviado de novo: confira /zapi-list antes; o nome pode ser usado de novo ${p.when}.`,
    nameCutOff: (p) =>
      `Uma criação de "${p.name}" por ${p.member} foi interrompida antes de a Z-API responder (o processo do bot parou), então pode ou não ter chegado à Z-API. Nada foi enviado de novo: confira /zapi-list antes; o nome pode ser usado de novo ${p.when}.`,
    nameDone: (p) =>
      `Uma criação de "${p.name}" por ${p.member} acabou de terminar: confira /zapi-list; o nome pode ser usado de novo ${p.when}.`,
    subscriptionInFlight: (p) =>
      `Uma assinatura de \`${p.id}\` já está em andamento (iniciada por ${p.member}). Nada foi enviado de novo: espere terminar e confira /zapi-status.`,
    subscriptionUnknown: (p) =>
      `Uma assinatura de \`${p.id}\` por ${p.member} pode ou não ter chegado à Z-API. Nada foi enviado de novo: confira /zapi-status antes; ela pode ser tentada de novo ${p.when}.`,
    subscriptionCutOff: (p) =>
      `Uma assinatura de \`${p.id}\` por ${p.member} foi interrompida antes de a Z-API responder (o processo do bot parou), então pode ou não ter chegado à Z-API. Nada foi enviado de novo: confira /zapi-status antes; ela pode ser tentada de novo ${p.when}.`,
    subscriptionDone: (p) =>
      `\`${p.id}\` foi assinada há instantes por ${p.member}. Nada foi enviado de novo; ela pode ser assinada de novo ${p.when}.`,
  },

  drain: {
    stoppingNothingSent: () =>
      'O bot está reiniciando: nada foi enviado à Z-API. Tente de novo em um minuto.',
    stoppingMaybeSent: () =>
      'O bot está reiniciando e isto não terminou a tempo. Tente de novo em um minuto; se o comando muda algo (um cancelamento), confira `/zapi-status` antes.',
  },

  deliver: {
    lateCommand: (p) =>
      `${p.member}, seu \`/${p.command}\` terminou depois que a janela de 15 minutos do Discord para respostas fechou, então o resultado está aqui.`,
    lateButton: (p) =>
      `${p.member}, o botão que você apertou terminou depois que a janela de 15 minutos do Discord para respostas fechou, então o resultado está aqui.`,
    imageLeftOut: () => '(Uma imagem ficou de fora: aperte o botão de novo para vê-la.)',
    showTokenButton: () => 'Mostrar token (só para você)',
  },

  create: {
    outcomeUnknown: (p) =>
      `A Z-API pode ter criado **${p.name}**, mas a resposta se perdeu (${p.reason}). Não rode \`/zapi-create\` de novo sem conferir: isso poderia criar, e cobrar, uma segunda instância.`,
    outcomeUnknownTitle: () => 'Resultado desconhecido: confira antes de criar de novo',
    lookupFailed: (p) =>
      `A busca pelo nome também falhou (${p.reason}), então ela pode existir: confira \`/zapi-list\` com \`query:${p.name}\`.`,
    noneFoundYet: () =>
      'Nenhuma instância com esse nome foi encontrada depois, mas a Z-API ainda pode estar criando: confira `/zapi-list` em um minuto.',
    candidate: (p) =>
      `• \`${p.id}\`${p.created ? `, criada ${p.created}` : ''}${p.due ? `, trial termina ${p.due}` : ''}`,
    namedLikeThis: () => 'Instâncias com este nome',
    drained: (p) =>
      `O bot está reiniciando e a Z-API ainda não tinha respondido, então **${p.name}** pode ou não ter sido criada. Não rode \`/zapi-create\` de novo sem conferir: isso poderia criar, e cobrar, uma segunda instância.`,
    drainedCheck: (p) =>
      `Confira \`/zapi-list\` com \`query:${p.name}\` em um minuto. O nome fica bloqueado por ${count(p.minutes, 'minuto', 'minutos')} enquanto isso.`,
    createdTitle: () => 'Instância criada',
    createdDescription: () =>
      'Esta é uma instância em **trial**: assine-a em até 2 dias, ou a Z-API a apaga. Escaneie o QR code dela com o WhatsApp para conectar um celular.',
    trialEnds: () => 'Fim do trial',
    trialEndsUnsaid: () => 'em 2 dias (a Z-API não informou o momento exato)',
    sameName: (p) =>
      `${p.count === 1 ? 'Já existe uma instância' : `Já existem ${n(p.count)} instâncias`} com o nome **${p.name}**. Criar outra com o mesmo nome? Nada é enviado à Z-API sem a sua confirmação.`,
    existing: (p) => `• \`${p.id}\`, criada ${p.created ?? 'em data desconhecida'}`,
    sameNameTitle: () => 'Este nome já está em uso',
    createAnotherButton: () => 'Criar outra',
    cancelButton: () => 'Cancelar',
    cancelled: () => 'Cancelado: nada foi enviado à Z-API.',
    confirmationExpired: () =>
      'Esta confirmação expirou ou já foi respondida: nada foi enviado à Z-API. Rode `/zapi-create` de novo.',
    notYours: () => 'Só quem rodou `/zapi-create` pode confirmar.',
  },

  list: {
    connected: () => 'conectada',
    notConnected: () => 'não conectada',
    due: (p) => `vence ${p.when}`,
    title: (p) => `Instâncias: página ${n(p.page)} de ${n(p.pages)} (${n(p.total)} no total)`,
    noSuchPage: (p) => `Não existe a página ${n(p.page)}.`,
    empty: () => 'Nenhuma instância.',
    searchField: () => 'Busca',
    previousButton: () => 'Anterior',
    nextButton: () => 'Próxima',
  },

  status: {
    connectedTitle: () => 'Conectada',
    notConnectedTitle: () => 'Não conectada',
    whatsappConnected: () => 'WhatsApp conectado',
    phoneOnline: () => 'Celular on-line',
    zapiSays: () => 'A Z-API diz',
    alreadyConnectedTitle: () => 'Já conectada',
    alreadyConnected: (p) =>
      `Há um celular conectado a **${p.name}**: não há QR code para escanear.`,
    scanTitle: () => 'Escaneie para conectar',
    scan: (p) =>
      `No WhatsApp do celular: **Aparelhos conectados → Conectar um aparelho**, e escaneie este código de **${p.name}**. Ele muda a cada 20 segundos, mais ou menos; aperte o botão de novo se expirar.`,
  },

  connect: {
    scanTitle: () => 'Escaneie para conectar',
    scan: (p) =>
      `No WhatsApp do celular: **Aparelhos conectados → Conectar um aparelho**, e escaneie este código de **${p.name}** (\`${p.id}\`). O código muda a cada 20 segundos, mais ou menos, e esta mensagem acompanha a troca até o celular conectar; ela para de esperar ${p.until}.`,
    pairingTitle: () => 'Digite este código no celular',
    pairing: (p) =>
      `No WhatsApp de ${p.phone}: **Aparelhos conectados → Conectar um aparelho → Conectar com número de telefone**, e digite este código de **${p.name}** (\`${p.id}\`). Esta mensagem avisa quando o celular conectar, ou para de esperar ${p.until}.`,
    connectedTitle: () => 'Conectado',
    connected: (p) =>
      p.phone === undefined
        ? `Há um celular conectado a **${p.name}** (\`${p.id}\`).`
        : `${p.phone} está conectado a **${p.name}** (\`${p.id}\`).`,
    alreadyConnectedTitle: () => 'Já conectada',
    alreadyConnected: (p) =>
      `${p.phone ?? 'Um celular'} já está conectado a **${p.name}** (\`${p.id}\`): não há nada para escanear. Para conectar outro celular, use \`/zapi-disconnect\` antes.`,
    timedOutTitle: () => 'Espera encerrada',
    timedOut: (p) =>
      `Nenhum celular se conectou a **${p.name}** (\`${p.id}\`) em ${duration(p.seconds)}. Rode \`/zapi-connect\` de novo para receber um código novo.`,
    stoppedTitle: () => 'Espera encerrada',
    stopped: (p) =>
      `O bot está reiniciando, então esta mensagem deixou de acompanhar **${p.name}** (\`${p.id}\`). Rode \`/zapi-connect\` de novo daqui a um minuto; antes, confira \`/zapi-status\`.`,
  },

  restart: {
    confirmTitle: () => 'Reiniciar esta instância?',
    confirm: (p) =>
      `Reiniciar **${p.name}** (\`${p.id}\`)? A Z-API a reinicia e ela reconecta sozinha, sem escanear de novo. As mensagens aguardam enquanto ela reinicia.`,
    restartedTitle: () => 'Instância reiniciada',
    restarted: (p) =>
      `**${p.name}** (\`${p.id}\`) está reiniciando. Confira \`/zapi-status\` daqui a pouco.`,
  },

  disconnect: {
    confirmTitle: () => 'Desconectar o celular?',
    confirm: (p) =>
      `Desconectar o celular de **${p.name}** (\`${p.id}\`)? A instância para de enviar e receber mensagens (webhooks também) até um celular conectar de novo com \`/zapi-connect\`.`,
    disconnectedTitle: () => 'Celular desconectado',
    disconnected: (p) =>
      `**${p.name}** (\`${p.id}\`) está sem celular agora. Conecte um de novo com \`/zapi-connect\`.`,
  },

  events: {
    connectedTitle: () => 'Celular conectado',
    disconnectedTitle: () => 'Celular desconectado',
    instanceField: () => 'Instância',
    phoneField: () => 'Telefone',
    sinceField: () => 'Desde',
    disconnectedNote: (p) =>
      `Ainda desconectado após ${duration(p.seconds)}. Reconecte com \`/zapi-connect\`.`,
  },

  cancel: {
    confirmTitle: () => 'Cancelar esta assinatura?',
    confirm: (p) =>
      `Cancelar **${p.name}** (\`${p.id}\`)? Ela continua utilizável até o vencimento${p.due ? ` (${p.due})` : ''}, depois a Z-API a desativa.`,
    confirmButton: () => 'Confirmar',
    cancelledTitle: () => 'Assinatura cancelada',
    cancelled: (p) =>
      `**${p.name}** (\`${p.id}\`) foi cancelada. Ela continua utilizável até o vencimento${p.due ? ` (${p.due})` : ''}.`,
  },

  subscribe: {
    drained: (p) =>
      `O bot está reiniciando e a Z-API ainda não tinha respondido, então \`${p.id}\` pode ou não estar assinada. Confira \`/zapi-status\` em um minuto antes de assinar de novo; outra assinatura dela fica recusada por ${count(p.minutes, 'minuto', 'minutos')} enquanto isso.`,
    subscribedTitle: () => 'Instância assinada',
    subscribed: (p) =>
      `**${p.name}** está assinada${p.withCalls ? ', com chamadas' : ''}: não será apagada no fim do trial.`,
    confirmTitle: () => 'Assinar esta instância?',
    confirm: (p) =>
      `Assinar **${p.name}** (\`${p.id}\`) gera cobrança na conta de parceiro.${p.trialEnds ? ` O trial dela termina ${p.trialEnds}.` : ''}`,
    withCallsButton: () => 'Assinar com chamadas',
  },

  token: {
    notYours: () => 'Só quem criou esta instância pode ver o token dela aqui.',
  },
};
