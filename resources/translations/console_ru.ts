<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>ActPreviewDialog</name>
    <message>
        <source>Work completion act %1</source>
        <translation>Акт выполненных работ %1</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Сохранить в PDF…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Печать…</translation>
    </message>
    <message>
        <source>Save the act as PDF</source>
        <translation>Сохранение акта в PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Файлы PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The act could not be saved: %1</source>
        <translation>Не удалось сохранить акт: %1</translation>
    </message>
</context>
<context>
    <name>AlertsModel</name>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Заявка</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>Таймер</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
</context>
<context>
    <name>AuditWindow</name>
    <message>
        <source>Ticket</source>
        <translation>Заявка</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>Договор</translation>
    </message>
    <message>
        <source>Contract service</source>
        <translation>Услуга по договору</translation>
    </message>
    <message>
        <source>SLA policy</source>
        <translation>Политика SLA</translation>
    </message>
    <message>
        <source>SLA target</source>
        <translation>Норматив SLA</translation>
    </message>
    <message>
        <source>SLA pause status</source>
        <translation>Статус паузы SLA</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Календарь</translation>
    </message>
    <message>
        <source>Calendar day</source>
        <translation>День календаря</translation>
    </message>
    <message>
        <source>Maintenance plan</source>
        <translation>План ППР</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Пользователь</translation>
    </message>
    <message>
        <source>Team setting</source>
        <translation>Общая настройка</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Контактное лицо</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Объект</translation>
    </message>
    <message>
        <source>Equipment</source>
        <translation>Оборудование</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Инженер</translation>
    </message>
    <message>
        <source>Ticket workflow</source>
        <translation>Рабочий процесс заявок</translation>
    </message>
    <message>
        <source>Workflow status</source>
        <translation>Статус процесса</translation>
    </message>
    <message>
        <source>Workflow transition</source>
        <translation>Переход процесса</translation>
    </message>
    <message>
        <source>Checklist item</source>
        <translation>Пункт чек-листа</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Тема</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Описание</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Приоритет</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Skill</source>
        <translation>Навык</translation>
    </message>
    <message>
        <source>Planned visit</source>
        <translation>Запланированный выезд</translation>
    </message>
    <message>
        <source>Reaction due</source>
        <translation>Срок реакции</translation>
    </message>
    <message>
        <source>Arrival due</source>
        <translation>Срок прибытия</translation>
    </message>
    <message>
        <source>Resolution due</source>
        <translation>Срок решения</translation>
    </message>
    <message>
        <source>Reaction clock</source>
        <translation>Таймер реакции</translation>
    </message>
    <message>
        <source>Arrival clock</source>
        <translation>Таймер прибытия</translation>
    </message>
    <message>
        <source>Resolution clock</source>
        <translation>Таймер решения</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Активен</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>ФИО</translation>
    </message>
    <message>
        <source>Warning threshold</source>
        <translation>Порог предупреждения</translation>
    </message>
    <message>
        <source>Critical threshold</source>
        <translation>Критический порог</translation>
    </message>
    <message>
        <source>created</source>
        <translation>создано</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>удалено</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Журнал изменений</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Все</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>Любой</translation>
    </message>
    <message>
        <source>Text in the old or new value or the field</source>
        <translation>Текст в старом или новом значении либо в названии поля</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Найти</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;С</translation>
    </message>
    <message>
        <source>&amp;to</source>
        <translation>&amp;по</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>&amp;Тип</translation>
    </message>
    <message>
        <source>&amp;Who</source>
        <translation>&amp;Кто</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Система</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Что</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Изменение</translation>
    </message>
    <message>
        <source>Old value</source>
        <translation>Старое значение</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>Новое значение</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>Конец периода раньше его начала.</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Поиск…</translation>
    </message>
    <message>
        <source>More than %1 entries (showing the newest %1)</source>
        <translation>Более %1 записей (показаны %1 самых новых)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln entry(s)</source>
        <translation>
            <numerusform>%Ln запись</numerusform>
            <numerusform>%Ln записи</numerusform>
            <numerusform>%Ln записей</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing in the log matches.</source>
        <translation>В журнале ничего не найдено.</translation>
    </message>
</context>
<context>
    <name>BillingDialog</name>
    <message>
        <source>Billing</source>
        <translation>Начисления</translation>
    </message>
    <message>
        <source>All clients</source>
        <translation>Все клиенты</translation>
    </message>
    <message>
        <source>to</source>
        <translation>по</translation>
    </message>
    <message>
        <source>&amp;Client:</source>
        <translation>&amp;Клиент:</translation>
    </message>
    <message>
        <source>&amp;Period from:</source>
        <translation>&amp;Период с:</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Экспорт в CSV…</translation>
    </message>
    <message>
        <source>Export Excel…</source>
        <translation>Экспорт в Excel…</translation>
    </message>
    <message>
        <source>Work completion act…</source>
        <translation>Акт выполненных работ…</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>Договор</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Заявка</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Объект</translation>
    </message>
    <message>
        <source>Equipment</source>
        <translation>Оборудование</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Описание</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Ед. изм.</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Цена за ед.</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>Конец периода раньше его начала.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <source>Nothing to bill in this period.</source>
        <translation>За этот период начислений нет.</translation>
    </message>
    <message>
        <source>Total without VAT: %1    VAT %2%: %3    Total with VAT: %4</source>
        <translation>Итого без НДС: %1    НДС %2&#xa0;%: %3    Итого с НДС: %4</translation>
    </message>
    <message>
        <source>Export billing as CSV</source>
        <translation>Экспорт начислений в CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Файлы CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export billing to Excel</source>
        <translation>Экспорт начислений в Excel</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Книги Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>Запись в %1…</translation>
    </message>
    <message>
        <source>Written to %1.</source>
        <translation>Записано в %1.</translation>
    </message>
</context>
<context>
    <name>ClientHeaderView</name>
    <message>
        <source>Select a ticket or find a client to see the client&apos;s context.</source>
        <translation>Выберите заявку или найдите клиента, чтобы увидеть сведения о клиенте.</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Уровень</translation>
    </message>
    <message>
        <source>Personal manager</source>
        <translation>Персональный менеджер</translation>
    </message>
    <message>
        <source>Open tickets</source>
        <translation>Открытые заявки</translation>
    </message>
    <message>
        <source>SLA, last 90 days</source>
        <translation>SLA за 90 дней</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Оплата</translation>
    </message>
    <message>
        <source>Feedback by month</source>
        <translation>Отзывы по месяцам</translation>
    </message>
    <message>
        <source>No feedback in the last 12 months.</source>
        <translation>За последние 12 месяцев отзывов нет.</translation>
    </message>
    <message>
        <source>(priority support)</source>
        <translation>(приоритетная поддержка)</translation>
    </message>
    <message>
        <source>none assigned</source>
        <translation>не назначен</translation>
    </message>
    <message>
        <source>%1 %2% of %3</source>
        <translation>%1 %2% из %3</translation>
    </message>
    <message>
        <source>no decided SLA clocks</source>
        <translation>нет завершённых сроков SLA</translation>
    </message>
    <message>
        <source>Paid up</source>
        <translation>Оплачено</translation>
    </message>
    <message>
        <source>%1 unpaid invoice(s), %2 outstanding</source>
        <translation>Неоплаченных счетов: %1, к оплате %2</translation>
    </message>
    <message>
        <source>OVERDUE: %1 invoice(s), %2, since %3</source>
        <translation>ПРОСРОЧКА: счетов — %1, на сумму %2, с %3</translation>
    </message>
    <message>
        <source>Ticket %1</source>
        <translation>Заявка %1</translation>
    </message>
    <message>
        <source>Covered by contract %1.</source>
        <translation>Входит в договор %1.</translation>
    </message>
    <message>
        <source>Not covered: the work is billable.</source>
        <translation>Не входит в договор: работа платная.</translation>
    </message>
    <message>
        <source>Not covered by a contract.</source>
        <translation>Не покрывается договором.</translation>
    </message>
    <message>
        <source>The ticket names no contact.</source>
        <translation>В заявке не указано контактное лицо.</translation>
    </message>
    <message>
        <source>%1 may request this work</source>
        <translation>%1 может заказать эту работу</translation>
    </message>
    <message>
        <source> and approve it.</source>
        <translation> и согласовать её.</translation>
    </message>
    <message>
        <source>; approval needs another contact.</source>
        <translation>; для согласования нужно другое контактное лицо.</translation>
    </message>
</context>
<context>
    <name>ClientMatchModel</name>
    <message>
        <source>name</source>
        <translation>название</translation>
    </message>
    <message>
        <source>tax number</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>телефон</translation>
    </message>
    <message>
        <source>site address</source>
        <translation>адрес объекта</translation>
    </message>
    <message>
        <source>serial number</source>
        <translation>серийный номер</translation>
    </message>
    <message>
        <source>inventory number</source>
        <translation>инвентарный номер</translation>
    </message>
</context>
<context>
    <name>ClientPanel</name>
    <message>
        <source>Search the model&apos;s articles…</source>
        <translation>Поиск по статьям модели…</translation>
    </message>
    <message>
        <source>Select a unit on the Equipment tab to see its model&apos;s articles.</source>
        <translation>Выберите единицу оборудования на вкладке «Оборудование», чтобы увидеть статьи по её модели.</translation>
    </message>
    <message>
        <source>Show this client&apos;s tickets in the queue</source>
        <translation>Показать заявки этого клиента в очереди</translation>
    </message>
    <message>
        <source>Contracts</source>
        <translation>Договоры</translation>
    </message>
    <message>
        <source>Click a site to show it on the map and its equipment here.</source>
        <translation>Щёлкните объект, чтобы показать его на карте, а здесь — его оборудование.</translation>
    </message>
    <message>
        <source>Sites</source>
        <translation>Объекты</translation>
    </message>
    <message>
        <source>Equipment</source>
        <translation>Оборудование</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Контактные лица</translation>
    </message>
    <message>
        <source>Knowledge</source>
        <translation>База знаний</translation>
    </message>
    <message>
        <source>Recent tickets</source>
        <translation>Последние заявки</translation>
    </message>
    <message>
        <source>This client no longer exists.</source>
        <translation>Этот клиент больше не существует.</translation>
    </message>
    <message>
        <source>No contract: every ticket of this client is billable work without an SLA.</source>
        <translation>Нет договора: все заявки этого клиента — платные работы без SLA.</translation>
    </message>
    <message>
        <source>Contract %1, SLA policy %2, calendar %3.</source>
        <translation>Договор %1, политика SLA %2, календарь %3.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>%1: reaction %2, arrival %3, resolution %4</source>
        <translation>%1: реакция %2, прибытие %3, решение %4</translation>
    </message>
    <message>
        <source>remote only</source>
        <translation>только удалённо</translation>
    </message>
    <message>
        <source>New tickets under this contract are not covered: the work will be billed.</source>
        <translation>Новые заявки не покрываются этим договором: работы будут оплачиваться отдельно.</translation>
    </message>
    <message>
        <source>%1 articles for %2.</source>
        <translation>Статей для %2: %1.</translation>
    </message>
    <message>
        <source>No articles for %1 match.</source>
        <translation>Для %1 нет подходящих статей.</translation>
    </message>
</context>
<context>
    <name>CompanyDialog</name>
    <message>
        <source>Company details</source>
        <translation>Реквизиты компании</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Position and name, as printed on acts</source>
        <translation>Должность и ФИО, как в актах</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Legal name</source>
        <translation>Полное наименование</translation>
    </message>
    <message>
        <source>Tax number (INN)</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <source>Registration code (KPP)</source>
        <translation>КПП</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <source>Bank details</source>
        <translation>Банковские реквизиты</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>НДС</translation>
    </message>
    <message>
        <source>Signatory</source>
        <translation>Подписант</translation>
    </message>
    <message>
        <source>Someone else changed the company details; reload to see them.</source>
        <translation>Реквизиты компании изменил другой пользователь; обновите данные, чтобы их увидеть.</translation>
    </message>
</context>
<context>
    <name>DayPlanDialog</name>
    <message>
        <source>Optimise a day plan</source>
        <translation>Оптимизация плана на день</translation>
    </message>
    <message>
        <source> s</source>
        <translation> с</translation>
    </message>
    <message>
        <source>&amp;Optimise</source>
        <translation>&amp;Оптимизировать</translation>
    </message>
    <message>
        <source>&amp;Cancel the search</source>
        <translation>О&amp;тменить поиск</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>День</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Бригада</translation>
    </message>
    <message>
        <source>Search for</source>
        <translation>Искать</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Заявка</translation>
    </message>
    <message>
        <source>Why it is not planned</source>
        <translation>Почему не запланирована</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Изменения</translation>
    </message>
    <message>
        <source>Not planned</source>
        <translation>Не запланированы</translation>
    </message>
    <message>
        <source>Choose a day and a team, then Optimise. Nothing is saved until you apply.</source>
        <translation>Выберите день и бригаду, затем нажмите «Оптимизировать». Пока вы не примените предложение, ничего не сохраняется.</translation>
    </message>
    <message>
        <source>&amp;Apply the proposal</source>
        <translation>&amp;Применить предложение</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Показатель</translation>
    </message>
    <message>
        <source>Current plan</source>
        <translation>Текущий план</translation>
    </message>
    <message>
        <source>Proposal</source>
        <translation>Предложение</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Изменение</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <source>new visit</source>
        <translation>новый выезд</translation>
    </message>
    <message>
        <source>moved</source>
        <translation>перенесён</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Инженер</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Срок</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>просрочен</translation>
    </message>
    <message>
        <source>in time</source>
        <translation>в срок</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Поиск…</translation>
    </message>
    <message>
        <source>Travel, km</source>
        <translation>Пробег, км</translation>
    </message>
    <message>
        <source>Visits planned</source>
        <translation>Запланировано выездов</translation>
    </message>
    <message>
        <source>Predicted SLA breaches</source>
        <translation>Ожидаемые нарушения SLA</translation>
    </message>
    <message>
        <source>Overtime, min</source>
        <translation>Переработка, мин</translation>
    </message>
    <message>
        <source>Not planned (%1)</source>
        <translation>Не запланированы (%1)</translation>
    </message>
    <message>
        <source>Changes (%1)</source>
        <translation>Изменения (%1)</translation>
    </message>
    <message>
        <source>Nobody of this team is on shift that day.</source>
        <translation>В этот день никто из бригады не работает.</translation>
    </message>
    <message>
        <source>The proposal breaks the rules and cannot be applied:</source>
        <translation>Предложение нарушает правила и не может быть применено:</translation>
    </message>
    <message>
        <source>%1 changes proposed after %2 s of search.</source>
        <translation>Предложено изменений: %1 (поиск занял %2 с).</translation>
    </message>
    <message>
        <source>The search was cancelled: this is the best plan found until then.</source>
        <translation>Поиск прерван: показан лучший план, найденный к этому моменту.</translation>
    </message>
    <message>
        <source>Apply the proposal</source>
        <translation>Применить предложение</translation>
    </message>
    <message>
        <source>Save %1 new and moved visits? Technicians and tickets are reassigned accordingly.</source>
        <translation>Сохранить новые и перенесённые выезды (%1)? Инженеры и заявки будут переназначены соответственно.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Сохранение…</translation>
    </message>
    <message>
        <source>Saved: %1 visits moved, %2 new.</source>
        <translation>Сохранено: перенесено выездов — %1, новых — %2.</translation>
    </message>
    <message>
        <source>Nothing was saved; optimise again to plan around the change.</source>
        <translation>Ничего не сохранено; запустите оптимизацию снова, чтобы учесть изменение.</translation>
    </message>
</context>
<context>
    <name>DispatchRulesDialog</name>
    <message>
        <source>Dispatch rules</source>
        <translation>Правила распределения</translation>
    </message>
    <message>
        <source>How technicians are ranked for a ticket, for the whole team. Scores are penalty points: lower is better, and one point is about one minute of driving. Nobody without the ticket&apos;s skill is ever suggested.</source>
        <translation>Порядок ранжирования инженеров для заявки, общий для всей команды. Баллы — это штрафные очки: чем меньше, тем лучше; один балл — примерно одна минута в пути. Инженеры без навыка, нужного для заявки, никогда не предлагаются.</translation>
    </message>
    <message>
        <source>%1 (rank %2)</source>
        <translation>%1 (ранг %2)</translation>
    </message>
    <message>
        <source>Your values are kept; Reload shows the stored ones.</source>
        <translation>Введённые значения остались в форме; «Обновить» покажет сохранённые.</translation>
    </message>
</context>
<context>
    <name>EquipmentTab</name>
    <message>
        <source>Select a unit to see its repair history.</source>
        <translation>Выберите единицу оборудования, чтобы увидеть историю ремонтов.</translation>
    </message>
    <message>
        <source>Repair history</source>
        <translation>История ремонтов</translation>
    </message>
    <message>
        <source>Failures by model, all clients</source>
        <translation>Отказы по моделям, все клиенты</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Объект</translation>
    </message>
    <message>
        <source>%1 units</source>
        <translation>%1 ед.</translation>
    </message>
    <message>
        <source>No tickets on this unit yet.</source>
        <translation>По этой единице оборудования заявок пока нет.</translation>
    </message>
    <message>
        <source>%1 tickets on this unit, oldest first.</source>
        <translation>Заявок по этой единице оборудования: %1, сначала старые.</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <source>Old</source>
        <translation>Было</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Стало</translation>
    </message>
    <message>
        <source>system</source>
        <translation>система</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in to the dispatcher console</source>
        <translation>Вход в консоль диспетчера</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Сервер: %1</translation>
    </message>
    <message>
        <source>Remember in the system keyring</source>
        <translation>Запомнить в системном хранилище паролей</translation>
    </message>
    <message>
        <source>Database &amp;password:</source>
        <translation>&amp;Пароль базы данных:</translation>
    </message>
    <message>
        <source>&amp;Login:</source>
        <translation>&amp;Логин:</translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation>&amp;ФИО:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Па&amp;роль:</translation>
    </message>
    <message>
        <source>&amp;Repeat the password:</source>
        <translation>П&amp;овторите пароль:</translation>
    </message>
    <message>
        <source>Connecting...</source>
        <translation>Подключение...</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Войти</translation>
    </message>
    <message>
        <source>&amp;Create and sign in</source>
        <translation>&amp;Создать и войти</translation>
    </message>
    <message>
        <source>Type your login.</source>
        <translation>Введите логин.</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>Пароли не совпадают.</translation>
    </message>
    <message>
        <source>No system keyring could keep the database password; you will be asked for it again.</source>
        <translation>Не удалось сохранить пароль базы данных в системном хранилище паролей; он будет запрошен снова.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Dispatcher console</source>
        <translation>Консоль диспетчера</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>Очереди</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <source>SLA timeline</source>
        <translation>Шкала SLA</translation>
    </message>
    <message>
        <source>Technician board</source>
        <translation>Доска инженеров</translation>
    </message>
    <message>
        <source>Supervisor board</source>
        <translation>Панель руководителя</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Карта</translation>
    </message>
    <message>
        <source>SLA alerts</source>
        <translation>Оповещения SLA</translation>
    </message>
    <message>
        <source>Suggested technicians</source>
        <translation>Рекомендуемые инженеры</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>Change my &amp;password...</source>
        <translation>Сменить &amp;пароль...</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Выход</translation>
    </message>
    <message>
        <source>&amp;Tickets</source>
        <translation>&amp;Заявки</translation>
    </message>
    <message>
        <source>&amp;New ticket from a call...</source>
        <translation>&amp;Новая заявка по звонку...</translation>
    </message>
    <message>
        <source>&amp;Open the selected ticket</source>
        <translation>&amp;Открыть выбранную заявку</translation>
    </message>
    <message>
        <source>&amp;Assign a technician...</source>
        <translation>Н&amp;азначить инженера...</translation>
    </message>
    <message>
        <source>Change &amp;status...</source>
        <translation>Изменить &amp;статус...</translation>
    </message>
    <message>
        <source>Su&amp;ggested technicians</source>
        <translation>&amp;Рекомендуемые инженеры</translation>
    </message>
    <message>
        <source>&amp;Queues</source>
        <translation>&amp;Очереди</translation>
    </message>
    <message>
        <source>&amp;Search the queue</source>
        <translation>&amp;Поиск в очереди</translation>
    </message>
    <message>
        <source>Go to the &amp;table</source>
        <translation>Перейти к &amp;таблице</translation>
    </message>
    <message>
        <source>&amp;Clear filters</source>
        <translation>&amp;Сбросить фильтры</translation>
    </message>
    <message>
        <source>&amp;Next queue</source>
        <translation>С&amp;ледующая очередь</translation>
    </message>
    <message>
        <source>&amp;Previous queue</source>
        <translation>П&amp;редыдущая очередь</translation>
    </message>
    <message>
        <source>Sa&amp;ve filter as queue...</source>
        <translation>Сохранить &amp;фильтр как очередь...</translation>
    </message>
    <message>
        <source>&amp;Delete this queue</source>
        <translation>&amp;Удалить эту очередь</translation>
    </message>
    <message>
        <source>&amp;Go to queue</source>
        <translation>Перейти к &amp;очереди</translation>
    </message>
    <message>
        <source>Queue %1</source>
        <translation>Очередь %1</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вид</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>&amp;Сбросить расположение панелей</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Язык</translation>
    </message>
    <message>
        <source>&amp;Planning</source>
        <translation>&amp;Планирование</translation>
    </message>
    <message>
        <source>&amp;Optimise a day plan...</source>
        <translation>&amp;Оптимизировать план на день...</translation>
    </message>
    <message>
        <source>&amp;Maintenance</source>
        <translation>ПП&amp;Р</translation>
    </message>
    <message>
        <source>Maintenance &amp;calendar...</source>
        <translation>&amp;Календарь ППР...</translation>
    </message>
    <message>
        <source>Maintenance &amp;plans...</source>
        <translation>&amp;Планы ППР...</translation>
    </message>
    <message>
        <source>&amp;Generate due jobs now</source>
        <translation>&amp;Сформировать очередные задания сейчас</translation>
    </message>
    <message>
        <source>&amp;Reports</source>
        <translation>О&amp;тчёты</translation>
    </message>
    <message>
        <source>&amp;Reports...</source>
        <translation>&amp;Отчёты...</translation>
    </message>
    <message>
        <source>&amp;Billing...</source>
        <translation>&amp;Начисления...</translation>
    </message>
    <message>
        <source>Work completion &amp;act of the ticket...</source>
        <translation>&amp;Акт выполненных работ по заявке...</translation>
    </message>
    <message>
        <source>A&amp;udit log...</source>
        <translation>&amp;Журнал изменений...</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Настройки</translation>
    </message>
    <message>
        <source>&amp;Dispatch rules...</source>
        <translation>&amp;Правила распределения...</translation>
    </message>
    <message>
        <source>&amp;Company details...</source>
        <translation>&amp;Реквизиты компании...</translation>
    </message>
    <message>
        <source>&amp;Users...</source>
        <translation>По&amp;льзователи...</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Сочетания клавиш</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;О программе</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <source>The console will speak %1 from its next start.</source>
        <translation>Язык интерфейса (%1) будет применён при следующем запуске.</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>База данных: %1</translation>
    </message>
    <message>
        <source>User: %1 (%2)</source>
        <translation>Пользователь: %1 (%2)</translation>
    </message>
    <message>
        <source>First run: the database is empty, building demo data (%1 tickets)...</source>
        <translation>Первый запуск: база данных пуста, создаются демонстрационные данные (заявок: %1)...</translation>
    </message>
    <message>
        <source>Demo data built: %1 tickets in %2 s.</source>
        <translation>Демонстрационные данные созданы: заявок — %1, за %2 с.</translation>
    </message>
    <message>
        <source>Could not load the console&apos;s data: %1</source>
        <translation>Не удалось загрузить данные консоли: %1</translation>
    </message>
    <message>
        <source>Simulation running: tickets arrive and technicians move.</source>
        <translation>Идёт симуляция: поступают заявки, инженеры перемещаются.</translation>
    </message>
    <message>
        <source>● Live</source>
        <translation>● В сети</translation>
    </message>
    <message>
        <source>Connected: changes by others appear as they are saved.</source>
        <translation>Подключено: изменения других пользователей появляются сразу после сохранения.</translation>
    </message>
    <message>
        <source>● Offline: reconnecting...</source>
        <translation>● Нет связи: переподключение...</translation>
    </message>
    <message>
        <source>The database cannot be reached. Saves are refused until it is back; what you typed stays in its window. The console reconnects by itself and catches up.</source>
        <translation>База данных недоступна. Пока связь не восстановится, сохранение невозможно; введённые данные остаются в своих окнах. Консоль переподключится автоматически и загрузит пропущенные изменения.</translation>
    </message>
    <message>
        <source>SLA %1: ticket %2 (%3), %4</source>
        <translation>SLA %1: заявка %2 (%3), %4</translation>
    </message>
    <message>
        <source> and %1 more</source>
        <translation> и ещё %1</translation>
    </message>
    <message>
        <source>Select a ticket in the queue first.</source>
        <translation>Сначала выберите заявку в очереди.</translation>
    </message>
    <message>
        <source>The queue lists are still loading; try again.</source>
        <translation>Списки очередей ещё загружаются; повторите попытку.</translation>
    </message>
    <message>
        <source>Ticket saved.</source>
        <translation>Заявка сохранена.</translation>
    </message>
    <message>
        <source>Ticket registered.</source>
        <translation>Заявка зарегистрирована.</translation>
    </message>
    <message>
        <source>Making maintenance jobs...</source>
        <translation>Формирование заданий ППР...</translation>
    </message>
    <message>
        <source>Maintenance: %1 jobs made for %2 plans.</source>
        <translation>ППР: сформировано заданий — %1, планов — %2.</translation>
    </message>
    <message>
        <source>Maintenance jobs could not be made: %1</source>
        <translation>Не удалось сформировать задания ППР: %1</translation>
    </message>
    <message>
        <source>Maintenance schedule: this console</source>
        <translation>Расписание ППР: эта консоль</translation>
    </message>
    <message>
        <source>Maintenance schedule: another console</source>
        <translation>Расписание ППР: другая консоль</translation>
    </message>
    <message>
        <source>Company details saved.</source>
        <translation>Реквизиты компании сохранены.</translation>
    </message>
    <message>
        <source>In a ticket</source>
        <translation>В заявке</translation>
    </message>
    <message>
        <source>In a new ticket</source>
        <translation>В новой заявке</translation>
    </message>
    <message>
        <source>In the suggested technicians</source>
        <translation>В списке рекомендуемых инженеров</translation>
    </message>
    <message>
        <source>Plan the highlighted technician&apos;s slot</source>
        <translation>Запланировать выделенный слот инженера</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Show the technician on the map</source>
        <translation>Показать инженера на карте</translation>
    </message>
    <message>
        <source>Double click</source>
        <translation>Двойной щелчок</translation>
    </message>
    <message>
        <source>Move through the clients found</source>
        <translation>Перемещение по найденным клиентам</translation>
    </message>
    <message>
        <source>Down, Up</source>
        <translation>Down, Up</translation>
    </message>
    <message>
        <source>Pick the highlighted client</source>
        <translation>Выбрать выделенного клиента</translation>
    </message>
    <message>
        <source>Register the ticket</source>
        <translation>Зарегистрировать заявку</translation>
    </message>
    <message>
        <source>Save the edited fields</source>
        <translation>Сохранить изменённые поля</translation>
    </message>
    <message>
        <source>Go to the technician (Enter assigns)</source>
        <translation>Перейти к инженеру (Enter — назначить)</translation>
    </message>
    <message>
        <source>Go to the next status</source>
        <translation>Перевести в следующий статус</translation>
    </message>
    <message>
        <source>About the dispatcher console</source>
        <translation>О консоли диспетчера</translation>
    </message>
    <message>
        <source>Dispatcher console for B2B field service.
Database: %1</source>
        <translation>Консоль диспетчера выездного B2B-сервиса.
База данных: %1</translation>
    </message>
</context>
<context>
    <name>MaintenanceCalendarView</name>
    <message>
        <source>Maintenance calendar</source>
        <translation>Календарь ППР</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ Назад</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>Вперёд ▶</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Месяц</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Неделя</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Задание</translation>
    </message>
    <message>
        <source>Skill</source>
        <translation>Навык</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Инженер</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Минуты</translation>
    </message>
    <message>
        <source>Planned, h</source>
        <translation>План, ч</translation>
    </message>
    <message>
        <source>Shift time, h</source>
        <translation>Смены, ч</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>Загрузка</translation>
    </message>
    <message>
        <source>Load per skill</source>
        <translation>Загрузка по навыкам</translation>
    </message>
    <message>
        <source>Week {week}, {first} – {last}</source>
        <translation>Неделя {week}, {first} – {last}</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <source>{jobs} jobs; {days} days with a skill overloaded</source>
        <translation>Заданий: {jobs}; дней с перегрузкой по навыку: {days}</translation>
    </message>
    <message>
        <source>The calendar could not be loaded: {error}</source>
        <translation>Не удалось загрузить календарь: {error}</translation>
    </message>
    <message>
        <source>{day}: {count} jobs</source>
        <translation>{day} — заданий: {count}</translation>
    </message>
</context>
<context>
    <name>MaintenancePlanDialog</name>
    <message>
        <source>Maintenance plans</source>
        <translation>Планы ППР</translation>
    </message>
    <message>
        <source>&amp;New plan</source>
        <translation>&amp;Новый план</translation>
    </message>
    <message>
        <source>&amp;Delete plan</source>
        <translation>&amp;Удалить план</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>План</translation>
    </message>
    <message>
        <source>Serves</source>
        <translation>Охват</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Правило</translation>
    </message>
    <message>
        <source>Next due</source>
        <translation>Следующий срок</translation>
    </message>
    <message>
        <source>Skill</source>
        <translation>Навык</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Активен</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>A unit</source>
        <translation>Единица оборудования</translation>
    </message>
    <message>
        <source>A model at a site</source>
        <translation>Модель на объекте</translation>
    </message>
    <message>
        <source>A contract, all its sites</source>
        <translation>Договор, все его объекты</translation>
    </message>
    <message>
        <source>Monthly on day …</source>
        <translation>Ежемесячно, в день …</translation>
    </message>
    <message>
        <source>Every 3 months on the first Tuesday</source>
        <translation>Раз в 3 месяца, в первый вторник</translation>
    </message>
    <message>
        <source>Last working day of the month</source>
        <translation>Последний рабочий день месяца</translation>
    </message>
    <message>
        <source>Weekly on …</source>
        <translation>Еженедельно по …</translation>
    </message>
    <message>
        <source>Custom RRULE</source>
        <translation>Своё правило RRULE</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>Пн</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>Вт</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>Ср</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>Чт</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>Пт</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>Сб</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>Вс</translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation>Повторение</translation>
    </message>
    <message>
        <source>Starts on</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>No end</source>
        <translation>Без окончания</translation>
    </message>
    <message>
        <source>Ends on</source>
        <translation>Окончание</translation>
    </message>
    <message>
        <source>Next dates</source>
        <translation>Ближайшие даты</translation>
    </message>
    <message>
        <source> min</source>
        <translation> мин</translation>
    </message>
    <message>
        <source>Work takes</source>
        <translation>Длительность работ</translation>
    </message>
    <message>
        <source>One item per line</source>
        <translation>По одному пункту в строке</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>Чек-лист</translation>
    </message>
    <message>
        <source>Only between</source>
        <translation>Только в интервале</translation>
    </message>
    <message>
        <source>Time window</source>
        <translation>Временное окно</translation>
    </message>
    <message>
        <source>Make the next job only after the previous one is done</source>
        <translation>Создавать следующее задание только после выполнения предыдущего</translation>
    </message>
    <message>
        <source>Keep the date</source>
        <translation>Оставить дату</translation>
    </message>
    <message>
        <source>Skip that occurrence</source>
        <translation>Пропустить это повторение</translation>
    </message>
    <message>
        <source>Move to the next working day</source>
        <translation>Перенести на следующий рабочий день</translation>
    </message>
    <message>
        <source>Move to the previous working day</source>
        <translation>Перенести на предыдущий рабочий день</translation>
    </message>
    <message>
        <source>On a non-working day</source>
        <translation>В нерабочий день</translation>
    </message>
    <message>
        <source> days ahead</source>
        <translation> дн. вперёд</translation>
    </message>
    <message>
        <source>Make jobs</source>
        <translation>Создавать задания</translation>
    </message>
    <message>
        <source>Active: make its jobs</source>
        <translation>Активен: создавать задания</translation>
    </message>
    <message>
        <source>&amp;Save plan</source>
        <translation>&amp;Сохранить план</translation>
    </message>
    <message>
        <source>The plan was deleted meanwhile.</source>
        <translation>План был удалён, пока вы его редактировали.</translation>
    </message>
    <message>
        <source>Tick at least one weekday.</source>
        <translation>Отметьте хотя бы один день недели.</translation>
    </message>
    <message>
        <source>No date ahead: the plan is over.</source>
        <translation>Ближайших дат нет: план завершён.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Сохранение…</translation>
    </message>
    <message>
        <source>Saved: %1 jobs made, %2 moved, %3 cancelled.</source>
        <translation>Сохранено. Создано заданий: %1, перенесено: %2, отменено: %3.</translation>
    </message>
    <message>
        <source>Nothing was saved; correct the field marked in red.</source>
        <translation>Ничего не сохранено; исправьте поле, выделенное красным.</translation>
    </message>
    <message>
        <source>Your input is kept.</source>
        <translation>Введённые данные остались в форме.</translation>
    </message>
    <message>
        <source>Delete plan</source>
        <translation>Удалить план</translation>
    </message>
    <message>
        <source>Delete the plan “%1”? Its jobs not yet started are cancelled; done work stays.</source>
        <translation>Удалить план «%1»? Ещё не начатые задания по нему будут отменены; выполненные работы сохранятся.</translation>
    </message>
    <message>
        <source>Deleted: %1 jobs cancelled.</source>
        <translation>План удалён. Отменено заданий: %1.</translation>
    </message>
</context>
<context>
    <name>MapPanel</name>
    <message>
        <source>Technicians</source>
        <translation>Инженеры</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>Заявки</translation>
    </message>
    <message>
        <source>Sites</source>
        <translation>Объекты</translation>
    </message>
    <message>
        <source>Routes and nearest</source>
        <translation>Маршруты и ближайшие инженеры</translation>
    </message>
    <message>
        <source>Tiles…</source>
        <translation>Подложка…</translation>
    </message>
    <message>
        <source>Where the map&apos;s background comes from</source>
        <translation>Источник подложки карты</translation>
    </message>
    <message>
        <source>Select a ticket to see the nearest suitable technicians.</source>
        <translation>Выберите заявку, чтобы увидеть ближайших подходящих инженеров.</translation>
    </message>
    <message>
        <source>The selected ticket has no site on the map.</source>
        <translation>У выбранной заявки нет объекта на карте.</translation>
    </message>
    <message>
        <source>Nearest suitable technicians for %1</source>
        <translation>Ближайшие подходящие инженеры для заявки %1</translation>
    </message>
    <message>
        <source>%1 off shift</source>
        <translation>не на смене: %1</translation>
    </message>
    <message>
        <source>%1 without the skill</source>
        <translation>без навыка: %1</translation>
    </message>
    <message>
        <source>No technician with the skill is on shift for %1</source>
        <translation>Для заявки %1 нет инженеров с нужным навыком на смене</translation>
    </message>
</context>
<context>
    <name>MapTilesDialog</name>
    <message>
        <source>Map tiles</source>
        <translation>Подложка карты</translation>
    </message>
    <message>
        <source>A tile server address with {z}, {x} and {y}, e.g. %1</source>
        <translation>Адрес сервера тайлов с {z}, {x} и {y}, например %1</translation>
    </message>
    <message>
        <source>Tile address</source>
        <translation>Адрес тайлов</translation>
    </message>
    <message>
        <source>Attribution</source>
        <translation>Атрибуция</translation>
    </message>
    <message>
        <source>OpenStreetMap (default)</source>
        <translation>OpenStreetMap (по умолчанию)</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Change my password</source>
        <translation>Сменить пароль</translation>
    </message>
    <message>
        <source>&amp;Current password:</source>
        <translation>&amp;Текущий пароль:</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>&amp;Новый пароль:</translation>
    </message>
    <message>
        <source>&amp;Repeat it:</source>
        <translation>&amp;Повторите пароль:</translation>
    </message>
    <message>
        <source>At least %1 characters.</source>
        <translation>Не менее %1 символов.</translation>
    </message>
    <message>
        <source>The two new passwords differ.</source>
        <translation>Новые пароли не совпадают.</translation>
    </message>
</context>
<context>
    <name>QueueFilterBar</name>
    <message>
        <source>Search number, title, client, site, technician (Ctrl+F)</source>
        <translation>Поиск по номеру, теме, клиенту, объекту, инженеру (Ctrl+F)</translation>
    </message>
    <message>
        <source>Any client</source>
        <translation>Любой клиент</translation>
    </message>
    <message>
        <source>Any site</source>
        <translation>Любой объект</translation>
    </message>
    <message>
        <source>Any skill</source>
        <translation>Любой навык</translation>
    </message>
    <message>
        <source>Any priority</source>
        <translation>Любой приоритет</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Любой статус</translation>
    </message>
    <message>
        <source>Any technician</source>
        <translation>Любой инженер</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Без инженера</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>За всё время</translation>
    </message>
    <message>
        <source>Created today</source>
        <translation>Созданы сегодня</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Последние 24 часа</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Последние 7 дней</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Последние 30 дней</translation>
    </message>
    <message>
        <source>From... to...</source>
        <translation>С... по...</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Сбросить</translation>
    </message>
    <message>
        <source>Clear every filter (Ctrl+Shift+X)</source>
        <translation>Сбросить все фильтры (Ctrl+Shift+X)</translation>
    </message>
    <message>
        <source>Save as queue...</source>
        <translation>Сохранить как очередь...</translation>
    </message>
    <message>
        <source>Keep this filter as a named queue of your own</source>
        <translation>Сохранить этот фильтр как свою именованную очередь</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>%1 tickets</source>
        <translation>Заявок: %1</translation>
    </message>
    <message>
        <source>%1 of %2 tickets match the filter</source>
        <translation>Соответствуют фильтру: %1 из %2</translation>
    </message>
</context>
<context>
    <name>QueueTableModel</name>
    <message>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <source>SLA left</source>
        <translation>Остаток SLA</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Приоритет</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Объект</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Инженер</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Категория</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Давность</translation>
    </message>
    <message>
        <source>unassigned</source>
        <translation>не назначен</translation>
    </message>
    <message>
        <source>Paused, %1 left</source>
        <translation>Пауза, осталось %1</translation>
    </message>
    <message>
        <source>Paused so far: %1</source>
        <translation>На паузе всего: %1</translation>
    </message>
</context>
<context>
    <name>ReportsWindow</name>
    <message>
        <source>Reports</source>
        <translation>Отчёты</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Показать</translation>
    </message>
    <message>
        <source>from</source>
        <translation>с</translation>
    </message>
    <message>
        <source>to</source>
        <translation>по</translation>
    </message>
    <message>
        <source>Export &amp;Excel...</source>
        <translation>Экспорт в &amp;Excel...</translation>
    </message>
    <message>
        <source>Export &amp;PDF...</source>
        <translation>Экспорт в &amp;PDF...</translation>
    </message>
    <message>
        <source>Export &amp;CSV...</source>
        <translation>Экспорт в &amp;CSV...</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>Конец периода раньше его начала.</translation>
    </message>
    <message>
        <source>Computing...</source>
        <translation>Расчёт...</translation>
    </message>
    <message>
        <source>The report could not be computed: {error}</source>
        <translation>Не удалось рассчитать отчёт: {error}</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n строка</numerusform>
            <numerusform>%n строки</numerusform>
            <numerusform>%n строк</numerusform>
        </translation>
    </message>
    <message>
        <source>Tickets behind: {row}</source>
        <translation>Заявки по строке: {row}</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>Экспорт отчёта</translation>
    </message>
    <message>
        <source>Could not write {path}: {error}</source>
        <translation>Не удалось записать {path}: {error}</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>Сохранено: {path}</translation>
    </message>
</context>
<context>
    <name>SaveQueueDialog</name>
    <message>
        <source>Save as queue</source>
        <translation>Сохранить как очередь</translation>
    </message>
    <message>
        <source>e.g. Elevators, Moscow, critical</source>
        <translation>например, Лифты, Москва, критические</translation>
    </message>
    <message>
        <source>Queue name:</source>
        <translation>Название очереди:</translation>
    </message>
</context>
<context>
    <name>ShortcutsHelp</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Сочетания клавиш</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Где</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Действие</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Клавиши</translation>
    </message>
</context>
<context>
    <name>SuggestionsPanel</name>
    <message>
        <source>Select a ticket to see who should take it.</source>
        <translation>Выберите заявку, чтобы увидеть, кому её поручить.</translation>
    </message>
    <message>
        <source>&amp;Assign (Enter)</source>
        <translation>&amp;Назначить (Enter)</translation>
    </message>
    <message>
        <source>#</source>
        <translation>№</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Инженер</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Баллы</translation>
    </message>
    <message>
        <source>Slot</source>
        <translation>Слот</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>В пути</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 мин</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Срок</translation>
    </message>
    <message>
        <source>Load today</source>
        <translation>Загрузка сегодня</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Почему</translation>
    </message>
    <message>
        <source>late by %1 min</source>
        <translation>опоздание %1 мин</translation>
    </message>
    <message>
        <source>in time</source>
        <translation>вовремя</translation>
    </message>
    <message>
        <source>Ticket %1 is closed: it needs no technician.</source>
        <translation>Заявка %1 закрыта: инженер не нужен.</translation>
    </message>
    <message>
        <source>Ticket %1</source>
        <translation>Заявка %1</translation>
    </message>
    <message>
        <source>needs %1</source>
        <translation>нужен навык %1</translation>
    </message>
    <message>
        <source>arrival by %1</source>
        <translation>прибытие до %1</translation>
    </message>
    <message>
        <source>resolved by %1</source>
        <translation>решение до %1</translation>
    </message>
    <message>
        <source>%1 can take it</source>
        <translation>подходят: %1</translation>
    </message>
    <message>
        <source>%1 lack the skill</source>
        <translation>без навыка: %1</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Проверка…</translation>
    </message>
    <message>
        <source>Visit planned: %1, %2</source>
        <translation>Выезд запланирован: %1, %2</translation>
    </message>
</context>
<context>
    <name>SupervisorBoard</name>
    <message>
        <source>Today</source>
        <translation>Сегодня</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Эта неделя</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Последние 30 дней</translation>
    </message>
    <message>
        <source>Period…</source>
        <translation>Период…</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Все</translation>
    </message>
    <message>
        <source>Per team</source>
        <translation>По бригадам</translation>
    </message>
    <message>
        <source>Per skill</source>
        <translation>По навыкам</translation>
    </message>
    <message>
        <source>Per client</source>
        <translation>По клиентам</translation>
    </message>
    <message>
        <source>Per technician</source>
        <translation>По инженерам</translation>
    </message>
    <message>
        <source>opened</source>
        <translation>открыто</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>решено</translation>
    </message>
    <message>
        <source>Resolution SLA met, %</source>
        <translation>Решение в срок, %</translation>
    </message>
    <message>
        <source>Predicted to breach</source>
        <translation>Прогноз нарушений</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>Конец периода раньше его начала.</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Расчёт…</translation>
    </message>
    <message>
        <source>Predicted to breach: %1 of %2 at risk</source>
        <translation>Прогноз нарушений: %1 из %2 под угрозой</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Обновлено в %1</translation>
    </message>
</context>
<context>
    <name>TeamSettingDialog</name>
    <message>
        <source>Reload</source>
        <translation>Обновить</translation>
    </message>
</context>
<context>
    <name>TechnicianBoard</name>
    <message>
        <source> day(s)</source>
        <translation> дн.</translation>
    </message>
    <message>
        <source>All teams</source>
        <translation>Все бригады</translation>
    </message>
    <message>
        <source>Drag a ticket from the queue onto a technician to plan a visit.</source>
        <translation>Перетащите заявку из очереди на инженера, чтобы запланировать выезд.</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>День</translation>
    </message>
    <message>
        <source>Drop onto a technician&apos;s lane.</source>
        <translation>Отпустите на строке инженера.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Проверка…</translation>
    </message>
    <message>
        <source>Visit saved.</source>
        <translation>Выезд сохранён.</translation>
    </message>
</context>
<context>
    <name>TicketDialog</name>
    <message>
        <source>Ticket</source>
        <translation>Заявка</translation>
    </message>
    <message>
        <source>Loading...</source>
        <translation>Загрузка...</translation>
    </message>
    <message>
        <source>Planned visit:</source>
        <translation>Запланированный выезд:</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Сохранить изменения</translation>
    </message>
    <message>
        <source>Save the edited fields (Ctrl+S)</source>
        <translation>Сохранить изменённые поля (Ctrl+S)</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Не назначен</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Назначить</translation>
    </message>
    <message>
        <source>Department or contractor</source>
        <translation>Отдел или подрядчик</translation>
    </message>
    <message>
        <source>Change status</source>
        <translation>Сменить статус</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Тема:</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>Описание:</translation>
    </message>
    <message>
        <source>Priority:</source>
        <translation>Приоритет:</translation>
    </message>
    <message>
        <source>Technician:</source>
        <translation>Инженер:</translation>
    </message>
    <message>
        <source>Next status:</source>
        <translation>Следующий статус:</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>Чек-лист</translation>
    </message>
    <message>
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <source>Ticket %1</source>
        <translation>Заявка %1</translation>
    </message>
    <message>
        <source>, stage due %1</source>
        <translation>, срок этапа %1</translation>
    </message>
    <message>
        <source>, handed to %1</source>
        <translation>, передана: %1</translation>
    </message>
    <message>
        <source>Status: %1%2%3</source>
        <translation>Статус: %1%2%3</translation>
    </message>
    <message>
        <source>SLA: %1 · reaction %2 · arrival %3 · resolution %4</source>
        <translation>SLA: %1 · реакция %2 · прибытие %3 · решение %4</translation>
    </message>
    <message>
        <source>Pick a technician from the list.</source>
        <translation>Выберите инженера из списка.</translation>
    </message>
    <message>
        <source>someone</source>
        <translation>кто-то</translation>
    </message>
    <message>
        <source>Your edits are kept; save again to apply them on top.</source>
        <translation>Ваши изменения остались в форме; сохраните ещё раз, чтобы применить их поверх новой версии.</translation>
    </message>
</context>
<context>
    <name>TicketIntakeDialog</name>
    <message>
        <source>New ticket from a call</source>
        <translation>Новая заявка по звонку</translation>
    </message>
    <message>
        <source>Company, tax number, phone, site address, serial or inventory number</source>
        <translation>Компания, ИНН, телефон, адрес объекта, серийный или инвентарный номер</translation>
    </message>
    <message>
        <source>No client chosen yet</source>
        <translation>Клиент ещё не выбран</translation>
    </message>
    <message>
        <source>No particular skill</source>
        <translation>Без конкретного навыка</translation>
    </message>
    <message>
        <source>What is wrong, in a few words</source>
        <translation>Что случилось, в двух словах</translation>
    </message>
    <message>
        <source>Register as billable work (not covered by the contract)</source>
        <translation>Оформить как платную работу (не входит в договор)</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Зарегистрировать</translation>
    </message>
    <message>
        <source>Register the ticket (Ctrl+Enter)</source>
        <translation>Зарегистрировать заявку (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Caller / client:</source>
        <translation>Звонящий / клиент:</translation>
    </message>
    <message>
        <source>Client:</source>
        <translation>Клиент:</translation>
    </message>
    <message>
        <source>Contact:</source>
        <translation>Контактное лицо:</translation>
    </message>
    <message>
        <source>Site:</source>
        <translation>Объект:</translation>
    </message>
    <message>
        <source>Equipment:</source>
        <translation>Оборудование:</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>Категория:</translation>
    </message>
    <message>
        <source>Priority:</source>
        <translation>Приоритет:</translation>
    </message>
    <message>
        <source>Skill:</source>
        <translation>Навык:</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>Канал:</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Тема:</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>Описание:</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <source>Portal</source>
        <translation>Портал</translation>
    </message>
    <message>
        <source>Mobile app</source>
        <translation>Мобильное приложение</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>ППР</translation>
    </message>
    <message>
        <source>Caller not among the contacts</source>
        <translation>Звонящего нет среди контактных лиц</translation>
    </message>
    <message>
        <source>No particular site</source>
        <translation>Без конкретного объекта</translation>
    </message>
    <message>
        <source>whole client</source>
        <translation>все объекты</translation>
    </message>
    <message>
        <source>territory %1</source>
        <translation>территория %1</translation>
    </message>
    <message>
        <source>one site</source>
        <translation>один объект</translation>
    </message>
    <message>
        <source>may request</source>
        <translation>может заказывать</translation>
    </message>
    <message>
        <source>may NOT request</source>
        <translation>НЕ может заказывать</translation>
    </message>
    <message>
        <source>may approve</source>
        <translation>может согласовывать</translation>
    </message>
    <message>
        <source>contract %1</source>
        <translation>договор %1</translation>
    </message>
    <message>
        <source>not covered</source>
        <translation>не по договору</translation>
    </message>
    <message>
        <source>No particular unit</source>
        <translation>Без конкретной единицы</translation>
    </message>
    <message>
        <source>Suggested: %1</source>
        <translation>Рекомендуется: %1</translation>
    </message>
    <message>
        <source>Find and pick the client first.</source>
        <translation>Сначала найдите и выберите клиента.</translation>
    </message>
    <message>
        <source>The contract does not cover this work: tick “Register as billable work” to go on.</source>
        <translation>Договор не покрывает эту работу: отметьте «Оформить как платную работу», чтобы продолжить.</translation>
    </message>
</context>
<context>
    <name>TicketsBehindDialog</name>
    <message numerus="yes">
        <source>%n ticket(s)</source>
        <translation>
            <numerusform>%n заявка</numerusform>
            <numerusform>%n заявки</numerusform>
            <numerusform>%n заявок</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimelinePanel</name>
    <message>
        <source>One lane per ticket</source>
        <translation>Строка на каждую заявку</translation>
    </message>
    <message>
        <source>Grouped by client</source>
        <translation>Группировка по клиентам</translation>
    </message>
    <message>
        <source>Grouped by technician</source>
        <translation>Группировка по инженерам</translation>
    </message>
    <message>
        <source>Grouped by skill</source>
        <translation>Группировка по навыкам</translation>
    </message>
    <message>
        <source>Grouped by priority</source>
        <translation>Группировка по приоритетам</translation>
    </message>
    <message>
        <source>| reaction  ◇ arrival  ▼ warning thresholds  ▨ paused  — keys: + − ← → PgUp PgDn Home</source>
        <translation>| реакция  ◇ прибытие  ▼ пороги предупреждения  ▨ пауза  — клавиши: + − ← → PgUp PgDn Home</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Без инженера</translation>
    </message>
    <message>
        <source>No skill</source>
        <translation>Без навыка</translation>
    </message>
    <message>
        <source>Priority: %1</source>
        <translation>Приоритет: %1</translation>
    </message>
    <message>
        <source>SLA: %1</source>
        <translation>SLA: %1</translation>
    </message>
    <message>
        <source>Resolution due %1</source>
        <translation>Срок решения: %1</translation>
    </message>
    <message>
        <source>Paused: %1 left when work resumes</source>
        <translation>Пауза: после возобновления работ останется %1</translation>
    </message>
    <message>
        <source>Arrival due %1</source>
        <translation>Срок прибытия: %1</translation>
    </message>
    <message>
        <source>Technician: %1</source>
        <translation>Инженер: %1</translation>
    </message>
    <message>
        <source>unassigned</source>
        <translation>не назначен</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>Users</source>
        <translation>Пользователи</translation>
    </message>
    <message>
        <source>&amp;New user</source>
        <translation>&amp;Новый пользователь</translation>
    </message>
    <message>
        <source>&amp;Login</source>
        <translation>&amp;Логин</translation>
    </message>
    <message>
        <source>&amp;Full name</source>
        <translation>&amp;ФИО</translation>
    </message>
    <message>
        <source>&amp;Role</source>
        <translation>&amp;Роль</translation>
    </message>
    <message>
        <source>&amp;Email</source>
        <translation>&amp;Эл. почта</translation>
    </message>
    <message>
        <source>P&amp;hone</source>
        <translation>&amp;Телефон</translation>
    </message>
    <message>
        <source>&amp;Active (may sign in)</source>
        <translation>&amp;Активен (может входить)</translation>
    </message>
    <message>
        <source>New &amp;password</source>
        <translation>Новый &amp;пароль</translation>
    </message>
    <message>
        <source>Re&amp;peat it</source>
        <translation>По&amp;вторите пароль</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Обновить</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Логин</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>ФИО</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Активен</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <source>set</source>
        <translation>задан</translation>
    </message>
    <message>
        <source>none</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>User %1</source>
        <translation>Пользователь %1</translation>
    </message>
    <message>
        <source>Leave empty to keep the current one</source>
        <translation>Оставьте пустым, чтобы сохранить текущий</translation>
    </message>
    <message>
        <source>New user</source>
        <translation>Новый пользователь</translation>
    </message>
    <message>
        <source>At least %1 characters</source>
        <translation>Не менее %1 символов</translation>
    </message>
    <message>
        <source>The two passwords differ; type the same one twice.</source>
        <translation>Пароли не совпадают; введите один и тот же пароль дважды.</translation>
    </message>
    <message>
        <source>User %1 saved.</source>
        <translation>Пользователь %1 сохранён.</translation>
    </message>
</context>
<context>
    <name>WorkAct</name>
    <message>
        <source>Client {client} does not exist.</source>
        <translation>Клиент {client} не найден.</translation>
    </message>
    <message>
        <source>Ticket {number} does not exist.</source>
        <translation>Заявка {number} не найдена.</translation>
    </message>
    <message>
        <source>Ticket {number} was cancelled; it has no act.</source>
        <translation>Заявка {number} отменена, акт по ней не формируется.</translation>
    </message>
    <message>
        <source>The period ends ({last}) before it starts ({first}).</source>
        <translation>Конец периода ({last}) раньше его начала ({first}).</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Заявка</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>Материал</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Объект</translation>
    </message>
    <message>
        <source>Equipment</source>
        <translation>Оборудование</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>Работы</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Кол-во</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Ед. изм.</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Цена</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>Work completion act No. {number} of {date}</source>
        <translation>Акт выполненных работ № {number} от {date}</translation>
    </message>
    <message>
        <source>Contractor</source>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Наименование</translation>
    </message>
    <message>
        <source>Tax number / registration code</source>
        <translation>ИНН / КПП</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <source>Bank details</source>
        <translation>Банковские реквизиты</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Заказчик</translation>
    </message>
    <message>
        <source>Tax number</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <source>Contract No. {number} of {date}</source>
        <translation>Договор № {number} от {date}</translation>
    </message>
    <message>
        <source>no contract</source>
        <translation>без договора</translation>
    </message>
    <message>
        <source>Basis</source>
        <translation>Основание</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <source>from {first} to {last}</source>
        <translation>с {first} по {last}</translation>
    </message>
    <message>
        <source>No work in this act.</source>
        <translation>В акте нет работ.</translation>
    </message>
    <message>
        <source>Consumables</source>
        <translation>Расходные материалы</translation>
    </message>
    <message>
        <source>VAT {percent}%</source>
        <translation>НДС {percent}&#xa0;%</translation>
    </message>
    <message>
        <source>Total without VAT</source>
        <translation>Итого без НДС</translation>
    </message>
    <message>
        <source>Total with VAT</source>
        <translation>Итого с НДС</translation>
    </message>
    <message>
        <source>The work above has been done in full and on time. The customer has no claims as to its scope, quality or timing.</source>
        <translation>Вышеперечисленные работы выполнены полностью и в срок. Заказчик претензий по объёму, качеству и срокам выполнения работ не имеет.</translation>
    </message>
    <message>
        <source>signature, stamp</source>
        <translation>подпись, печать</translation>
    </message>
    <message>
        <source>Work done</source>
        <translation>Выполненные работы</translation>
    </message>
    <message>
        <source>Work completion act No. {number}</source>
        <translation>Акт выполненных работ № {number}</translation>
    </message>
</context>
<context>
    <name>access</name>
    <message>
        <source>work on tickets</source>
        <translation>работать с заявками</translation>
    </message>
    <message>
        <source>change SLA policies</source>
        <translation>изменять политики SLA</translation>
    </message>
    <message>
        <source>change calendars</source>
        <translation>изменять календари</translation>
    </message>
    <message>
        <source>change ticket workflows</source>
        <translation>изменять рабочие процессы заявок</translation>
    </message>
    <message>
        <source>edit maintenance plans</source>
        <translation>редактировать планы ППР</translation>
    </message>
    <message>
        <source>read reports</source>
        <translation>просматривать отчёты</translation>
    </message>
    <message>
        <source>see billing and acts</source>
        <translation>просматривать начисления и акты</translation>
    </message>
    <message>
        <source>search the audit log</source>
        <translation>искать в журнале изменений</translation>
    </message>
    <message>
        <source>change the team&apos;s settings</source>
        <translation>изменять настройки команды</translation>
    </message>
    <message>
        <source>change contracts</source>
        <translation>изменять договоры</translation>
    </message>
    <message>
        <source>import or change clients, sites and equipment</source>
        <translation>импортировать и изменять клиентов, объекты и оборудование</translation>
    </message>
    <message>
        <source>manage users</source>
        <translation>управлять пользователями</translation>
    </message>
    <message>
        <source>Your role ({role}) may not {action}; ask a {needed}.</source>
        <translation>Ваша роль ({role}) не позволяет {action}; обратитесь к пользователю с ролью «{needed}».</translation>
    </message>
</context>
<context>
    <name>billing</name>
    <message>
        <source>Subscription</source>
        <translation>Абонентская плата</translation>
    </message>
    <message>
        <source>Work</source>
        <translation>Работы</translation>
    </message>
    <message>
        <source>Trips</source>
        <translation>Выезды</translation>
    </message>
    <message>
        <source>Consumables</source>
        <translation>Расходные материалы</translation>
    </message>
    <message>
        <source>month</source>
        <translation>мес.</translation>
    </message>
    <message>
        <source>hour</source>
        <translation>ч</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>ед.</translation>
    </message>
    <message>
        <source>point</source>
        <translation>балл</translation>
    </message>
    <message>
        <source>trip</source>
        <translation>выезд</translation>
    </message>
    <message>
        <source>pcs</source>
        <translation>шт.</translation>
    </message>
    <message>
        <source>Subscription fee for {month}: {days} of {month_days} days</source>
        <translation>Абонентская плата за {month}: {days} из {month_days} дн.</translation>
    </message>
    <message>
        <source>{title}</source>
        <translation>{title}</translation>
    </message>
    <message>
        <source>{title} (covered by the contract)</source>
        <translation>{title} (включено в договор)</translation>
    </message>
    <message>
        <source>{title} (no contract; priced at the hourly rate of contract {contract})</source>
        <translation>{title} (вне договора; по почасовой ставке договора {contract})</translation>
    </message>
    <message>
        <source>{title} (no contract and no price is known)</source>
        <translation>{title} (вне договора, цена неизвестна)</translation>
    </message>
    <message>
        <source>Trips to the site</source>
        <translation>Выезды на объект</translation>
    </message>
    <message>
        <source>Trips to the site (covered by the contract)</source>
        <translation>Выезды на объект (включено в договор)</translation>
    </message>
    <message>
        <source>{name}</source>
        <translation>{name}</translation>
    </message>
    <message>
        <source>{name} (covered by the contract)</source>
        <translation>{name} (включено в договор)</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <source>Tax number</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>Договор</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Заявка</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Объект</translation>
    </message>
    <message>
        <source>Equipment</source>
        <translation>Оборудование</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Описание</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Количество</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Ед. изм.</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Цена за ед.</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Сумма</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>Без НДС</translation>
    </message>
    <message>
        <source>VAT, %</source>
        <translation>НДС, %</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>НДС</translation>
    </message>
    <message>
        <source>Gross</source>
        <translation>С НДС</translation>
    </message>
    <message>
        <source>Total without VAT</source>
        <translation>Итого без НДС</translation>
    </message>
    <message>
        <source>VAT {percent}%</source>
        <translation>НДС {percent}&#xa0;%</translation>
    </message>
    <message>
        <source>Total with VAT</source>
        <translation>Итого с НДС</translation>
    </message>
</context>
<context>
    <name>client_panel</name>
    <message>
        <source>open-ended</source>
        <translation>бессрочный</translation>
    </message>
    <message>
        <source>ended %1 d ago</source>
        <translation>истёк %1 дн. назад</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 дн.</translation>
    </message>
    <message>
        <source>no services</source>
        <translation>нет услуг</translation>
    </message>
    <message>
        <source>%1 sites, %2 units; %3</source>
        <translation>объектов: %1, оборудования: %2 ед.; %3</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>Договор</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Осталось</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Fee / month</source>
        <translation>Плата / мес.</translation>
    </message>
    <message>
        <source>Billing</source>
        <translation>Тариф</translation>
    </message>
    <message>
        <source>%1 per %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>SLA policy</source>
        <translation>Политика SLA</translation>
    </message>
    <message>
        <source>no SLA</source>
        <translation>без SLA</translation>
    </message>
    <message>
        <source>Calendar: %1</source>
        <translation>Календарь: %1</translation>
    </message>
    <message>
        <source>Covers</source>
        <translation>Охват</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Объект</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Адрес</translation>
    </message>
    <message>
        <source>Click to show the site on the map</source>
        <translation>Щёлкните, чтобы показать объект на карте</translation>
    </message>
    <message>
        <source>Territory</source>
        <translation>Территория</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Часовой пояс</translation>
    </message>
    <message>
        <source>Working hours</source>
        <translation>Часы работы</translation>
    </message>
    <message>
        <source>no calendar</source>
        <translation>нет календаря</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Контакты</translation>
    </message>
    <message>
        <source>Equipment</source>
        <translation>Оборудование</translation>
    </message>
    <message>
        <source>Open tickets</source>
        <translation>Открытые заявки</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Контактное лицо</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Должность</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>Телефоны</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Эл. почта</translation>
    </message>
    <message>
        <source>Authority</source>
        <translation>Полномочия</translation>
    </message>
    <message>
        <source>May request</source>
        <translation>Может заказывать</translation>
    </message>
    <message>
        <source>May approve</source>
        <translation>Может согласовывать</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Заявка</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Создана</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Тема</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Приоритет</translation>
    </message>
    <message>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Модель</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>Серийный №</translation>
    </message>
    <message>
        <source>Inventory</source>
        <translation>Инв. №</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>Установлено</translation>
    </message>
    <message>
        <source>Covered</source>
        <translation>По договору</translation>
    </message>
    <message>
        <source>Not covered: billable</source>
        <translation>Не по договору: платно</translation>
    </message>
    <message>
        <source>Last service</source>
        <translation>Последнее обслуживание</translation>
    </message>
    <message>
        <source>Next maintenance</source>
        <translation>Ближайшее ППР</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Открыта</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Категория</translation>
    </message>
    <message>
        <source>Work done</source>
        <translation>Выполненные работы</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Technicians</source>
        <translation>Инженеры</translation>
    </message>
    <message>
        <source>Parts</source>
        <translation>Запчасти</translation>
    </message>
    <message>
        <source>Parts cost %1</source>
        <translation>Стоимость запчастей: %1</translation>
    </message>
    <message>
        <source>Among the models that fail most</source>
        <translation>Среди моделей с наибольшим числом отказов</translation>
    </message>
    <message>
        <source>Units in service</source>
        <translation>В эксплуатации, ед.</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>Отказы</translation>
    </message>
    <message>
        <source>Failures per unit-year</source>
        <translation>Отказов на ед. в год</translation>
    </message>
    <message>
        <source>MTBF</source>
        <translation>MTBF</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>Статья</translation>
    </message>
    <message>
        <source>Excerpt</source>
        <translation>Фрагмент</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Вложения</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Обновлена</translation>
    </message>
</context>
<context>
    <name>company</name>
    <message>
        <source>The company details were changed by someone else since you opened them; reload them and make your change again.</source>
        <translation>Реквизиты компании изменил другой пользователь, пока они были открыты у вас; загрузите их заново и повторите изменение.</translation>
    </message>
    <message>
        <source>VAT must be between 0 and 100 %, not {value}.</source>
        <translation>Ставка НДС должна быть от 0 до 100 %, а не {value}.</translation>
    </message>
</context>
<context>
    <name>day_plan</name>
    <message>
        <source>Nobody on shift in the team has the skill {skill}.</source>
        <translation>Ни у кого из бригады на смене нет навыка {skill}.</translation>
    </message>
    <message>
        <source>The visit takes {minutes} min, longer than any shift left today.</source>
        <translation>Выезд занимает {minutes} мин — больше, чем осталось от любой смены сегодня.</translation>
    </message>
    <message>
        <source>Could not be fitted in again; the visit stays where it is.</source>
        <translation>Не удалось заново вписать выезд в план; он остаётся на прежнем месте.</translation>
    </message>
    <message>
        <source>No room left in the shifts of the technicians with the skill.</source>
        <translation>В сменах инженеров с нужным навыком не осталось свободного времени.</translation>
    </message>
</context>
<context>
    <name>dispatch</name>
    <message>
        <source>{minutes} min drive from the reported position</source>
        <translation>{minutes} мин езды от последнего известного местоположения</translation>
    </message>
    <message>
        <source>{minutes} min drive from home</source>
        <translation>{minutes} мин езды от дома</translation>
    </message>
    <message>
        <source>{minutes} min drive from the end of the previous visit</source>
        <translation>{minutes} мин езды от места предыдущего выезда</translation>
    </message>
    <message>
        <source>The ticket has no site: no drive counted</source>
        <translation>У заявки нет объекта: время в пути не учтено</translation>
    </message>
    <message>
        <source>Free from {start:%H:%M}</source>
        <translation>Свободен с {start:%H:%M}</translation>
    </message>
    <message>
        <source>Arrives {minutes} min past the arrival deadline {deadline:%H:%M}</source>
        <translation>Прибудет на {minutes} мин позже срока прибытия {deadline:%H:%M}</translation>
    </message>
    <message>
        <source>Finishes {minutes} min past the resolution deadline {deadline:%H:%M}</source>
        <translation>Закончит на {minutes} мин позже срока решения {deadline:%H:%M}</translation>
    </message>
    <message>
        <source>Arrives {minutes} min before the arrival deadline</source>
        <translation>Прибудет за {minutes} мин до срока прибытия</translation>
    </message>
    <message>
        <source>Finishes {minutes} min before the resolution deadline</source>
        <translation>Закончит за {minutes} мин до срока решения</translation>
    </message>
    <message>
        <source>{percent}% of today&apos;s shift booked</source>
        <translation>Смена на сегодня занята на {percent}&#xa0;%</translation>
    </message>
    <message>
        <source>Serviced this unit {count} times</source>
        <translation>Число обслуживаний этой единицы: {count}</translation>
    </message>
    <message>
        <source>Served this client {count} times</source>
        <translation>Число обслуживаний этого клиента: {count}</translation>
    </message>
    <message>
        <source>{tier} client: deadline and familiarity count ×{factor:g}</source>
        <translation>Клиент уровня {tier}: срок и знание клиента учитываются с коэффициентом ×{factor:g}</translation>
    </message>
    <message>
        <source>Has no shift calendar</source>
        <translation>Нет графика смен</translation>
    </message>
    <message>
        <source>No free {length} min before the deadline</source>
        <translation>Нет свободных {length} мин до срока</translation>
    </message>
    <message>
        <source>No free {length} min in the next {days} day(s) of shifts</source>
        <translation>Нет свободных {length} мин в ближайшие смены (дней: {days})</translation>
    </message>
</context>
<context>
    <name>dispatch_rules</name>
    <message>
        <source>Visit length, minutes</source>
        <translation>Длительность выезда, мин</translation>
    </message>
    <message>
        <source>How long a visit planned from the suggestion list lasts.</source>
        <translation>Сколько длится выезд, запланированный из списка рекомендаций.</translation>
    </message>
    <message>
        <source>Days searched for a free slot</source>
        <translation>Дней для поиска свободного слота</translation>
    </message>
    <message>
        <source>1 looks only at the rest of today&apos;s shift; more days also offer technicians free later.</source>
        <translation>При значении 1 учитывается только остаток сегодняшней смены; при большем значении предлагаются и инженеры, которые освободятся позже.</translation>
    </message>
    <message>
        <source>Offer technicians who would miss the deadline</source>
        <translation>Предлагать инженеров, не успевающих к сроку</translation>
    </message>
    <message>
        <source>When off, a technician who cannot be on site before the SLA deadline is not offered.</source>
        <translation>Если выключено, инженер, который не успевает на объект до срока по SLA, не предлагается.</translation>
    </message>
    <message>
        <source>Points per minute of driving</source>
        <translation>Баллы за минуту в пути</translation>
    </message>
    <message>
        <source>Driving from where the technician is, or from the end of their previous visit.</source>
        <translation>Дорога от текущего местоположения инженера или от места его предыдущего выезда.</translation>
    </message>
    <message>
        <source>Points per minute until the technician is free</source>
        <translation>Баллы за минуту до освобождения инженера</translation>
    </message>
    <message>
        <source>Favours whoever can set off now over someone free only later in the day.</source>
        <translation>Даёт преимущество тем, кто может выехать сейчас, перед теми, кто освободится только позже.</translation>
    </message>
    <message>
        <source>Points per minute past the SLA deadline</source>
        <translation>Баллы за минуту просрочки SLA</translation>
    </message>
    <message>
        <source>Arriving after the arrival deadline, or finishing after the resolution deadline.</source>
        <translation>Прибытие позже срока прибытия или завершение позже срока решения.</translation>
    </message>
    <message>
        <source>Points for a fully booked day</source>
        <translation>Баллы за полностью занятый день</translation>
    </message>
    <message>
        <source>Spreads work: a technician with half their shift booked gets half of these points.</source>
        <translation>Распределяет работу равномерно: инженер, у которого занята половина смены, получает половину этих баллов.</translation>
    </message>
    <message>
        <source>Bonus for having serviced this unit</source>
        <translation>Бонус за обслуживание этого оборудования</translation>
    </message>
    <message>
        <source>Subtracted when the technician has finished a visit on the same equipment.</source>
        <translation>Вычитается, если инженер уже выполнял выезд к этому же оборудованию.</translation>
    </message>
    <message>
        <source>Bonus for knowing the client</source>
        <translation>Бонус за знание клиента</translation>
    </message>
    <message>
        <source>Subtracted when the technician has finished a visit for this client before.</source>
        <translation>Вычитается, если инженер уже выполнял выезды для этого клиента.</translation>
    </message>
    <message>
        <source>Client tier factor</source>
        <translation>Коэффициент уровня клиента</translation>
    </message>
    <message>
        <source>For the client tier of this rank, the deadline points and the client bonus are multiplied by this factor; tiers not listed count 1.</source>
        <translation>Для уровня клиента с этим рангом баллы за просрочку и бонус за знание клиента умножаются на этот коэффициент; для неуказанных уровней коэффициент равен 1.</translation>
    </message>
    <message>
        <source>The dispatch rules were changed by someone else since you opened them; reload them and make your change again.</source>
        <translation>Правила распределения изменил другой пользователь, пока они были открыты у вас; загрузите их заново и повторите изменение.</translation>
    </message>
    <message>
        <source>A client tier rank must be 1 or more, not {rank}.</source>
        <translation>Ранг уровня клиента должен быть не меньше 1, а не {rank}.</translation>
    </message>
    <message>
        <source>{rule} must be on or off.</source>
        <translation>Параметр «{rule}» должен быть включён или выключен.</translation>
    </message>
    <message>
        <source>{rule} must be a whole number.</source>
        <translation>Параметр «{rule}» должен быть целым числом.</translation>
    </message>
    <message>
        <source>{rule} must be between {low:g} and {high:g}, not {value}.</source>
        <translation>Параметр «{rule}» должен быть от {low:g} до {high:g}, а не {value}.</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>The database already holds {clients} clients; demo data is only written into an empty database, so nothing was changed.</source>
        <translation>В базе данных уже есть клиенты ({clients}); демо-данные записываются только в пустую базу, поэтому ничего не изменено.</translation>
    </message>
    <message>
        <source>Technician {technician_id} does not exist.</source>
        <translation>Инженер {technician_id} не найден.</translation>
    </message>
    <message>
        <source>Give the queue a name.</source>
        <translation>Укажите название очереди.</translation>
    </message>
    <message>
        <source>The name is longer than {limit} characters.</source>
        <translation>Название длиннее {limit} символов.</translation>
    </message>
    <message>
        <source>You already have a queue named “{name}”.</source>
        <translation>У вас уже есть очередь «{name}».</translation>
    </message>
    <message>
        <source>{what} was changed by someone else since you opened it; reload it and edit again.</source>
        <translation>{what}: данные изменил другой пользователь после того, как вы их открыли; обновите их и отредактируйте снова.</translation>
    </message>
    <message>
        <source>Calendar {id} does not exist.</source>
        <translation>Календарь {id} не найден.</translation>
    </message>
    <message>
        <source>SLA policy {id} does not exist.</source>
        <translation>Политика SLA {id} не найдена.</translation>
    </message>
    <message>
        <source>Contract {id} does not exist.</source>
        <translation>Договор {id} не найден.</translation>
    </message>
    <message>
        <source>{day} cannot be both a holiday and a working day.</source>
        <translation>День {day} не может быть одновременно праздничным и рабочим.</translation>
    </message>
    <message>
        <source>The calendar is not valid: {reason}</source>
        <translation>Календарь некорректен: {reason}</translation>
    </message>
    <message>
        <source>Unknown priority: {value}.</source>
        <translation>Неизвестный приоритет: {value}.</translation>
    </message>
    <message>
        <source>Targets for {priority} must be positive numbers of minutes.</source>
        <translation>Нормативы для приоритета {priority} должны быть положительным числом минут.</translation>
    </message>
    <message>
        <source>For {priority}, resolution cannot come before reaction.</source>
        <translation>Для приоритета {priority} время решения не может быть меньше времени реакции.</translation>
    </message>
    <message>
        <source>Unknown clock or status in the pause list: {value}.</source>
        <translation>Неизвестный таймер или статус в списке пауз: {value}.</translation>
    </message>
    <message>
        <source>Warning thresholds must satisfy 0 &lt; warning &lt; critical &lt; 100 %; got {w} and {c}.</source>
        <translation>Пороги предупреждения должны удовлетворять условию 0 &lt; предупреждение &lt; критический &lt; 100 %; получено {w} и {c}.</translation>
    </message>
    <message>
        <source>Ticket {ticket_id} does not exist.</source>
        <translation>Заявка {ticket_id} не найдена.</translation>
    </message>
    <message>
        <source>Ticket {number} was changed by someone else since you opened it; reload it and apply your change again.</source>
        <translation>Заявку {number} изменил другой пользователь после того, как вы её открыли; обновите её и внесите изменения заново.</translation>
    </message>
    <message>
        <source>Describe the problem in the title.</source>
        <translation>Опишите проблему в теме.</translation>
    </message>
    <message>
        <source>The title is longer than {limit} characters.</source>
        <translation>Тема длиннее {limit} символов.</translation>
    </message>
    <message>
        <source>The description is longer than {limit} characters.</source>
        <translation>Описание длиннее {limit} символов.</translation>
    </message>
    <message>
        <source>Unknown {what}: {value}.</source>
        <translation>{what}: неизвестное значение {value}.</translation>
    </message>
    <message>
        <source>Choose the site: tickets of this category need one.</source>
        <translation>Выберите объект: для заявок этой категории он обязателен.</translation>
    </message>
    <message>
        <source>Choose who asked: tickets of this category need a contact.</source>
        <translation>Укажите, кто обратился: для заявок этой категории нужно контактное лицо.</translation>
    </message>
    <message>
        <source>Choose the equipment unit: tickets of this category need one.</source>
        <translation>Выберите единицу оборудования: для заявок этой категории она обязательна.</translation>
    </message>
    <message>
        <source>Describe the problem: tickets of this category need a description.</source>
        <translation>Опишите проблему: для заявок этой категории описание обязательно.</translation>
    </message>
    <message>
        <source>Choose the skill: tickets of this category need one.</source>
        <translation>Выберите навык: для заявок этой категории он обязателен.</translation>
    </message>
    <message>
        <source>A status cannot change before the ticket was created ({created}).</source>
        <translation>Статус не может измениться раньше создания заявки ({created}).</translation>
    </message>
    <message>
        <source>A {category} ticket cannot go from {current} to {status}; it can go to: {allowed}.</source>
        <translation>Заявка категории «{category}» не может перейти из статуса «{current}» в «{status}»; допустимые статусы: {allowed}.</translation>
    </message>
    <message>
        <source>Complete the checklist before resolving the ticket: {items}.</source>
        <translation>Перед решением заявки выполните пункты чек-листа: {items}.</translation>
    </message>
    <message>
        <source>Ticket {number} could be reopened until {limit}; register a new ticket for the rework.</source>
        <translation>Заявку {number} можно было переоткрыть до {limit}; для доработки зарегистрируйте новую заявку.</translation>
    </message>
    <message>
        <source>Technician {id} does not exist.</source>
        <translation>Инженер {id} не найден.</translation>
    </message>
    <message>
        <source>Unknown status: {value}.</source>
        <translation>Неизвестный статус: {value}.</translation>
    </message>
    <message>
        <source>Skill {id} does not exist.</source>
        <translation>Навык {id} не найден.</translation>
    </message>
    <message>
        <source>The ticket&apos;s client has no {what} {id}.</source>
        <translation>У клиента заявки не найдено: {what} {id}.</translation>
    </message>
    <message>
        <source>A planned visit cannot be in the past.</source>
        <translation>Запланированный выезд не может быть в прошлом.</translation>
    </message>
    <message>
        <source>Visit {visit_id} does not exist.</source>
        <translation>Выезд {visit_id} не найден.</translation>
    </message>
    <message>
        <source>No workflow is defined for {category} tickets.</source>
        <translation>Для заявок категории «{category}» не задан рабочий процесс.</translation>
    </message>
    <message>
        <source>The workflow of {category} tickets was changed by someone else since you opened it; reload it and apply your change again.</source>
        <translation>Рабочий процесс заявок категории «{category}» изменил другой пользователь после того, как вы его открыли; обновите его и внесите изменения заново.</translation>
    </message>
    <message>
        <source>The workflow has no status {status}.</source>
        <translation>В рабочем процессе нет статуса {status}.</translation>
    </message>
    <message>
        <source>Transitions may only join statuses of the workflow, not {statuses}.</source>
        <translation>Переходы могут соединять только статусы рабочего процесса, а не {statuses}.</translation>
    </message>
    <message>
        <source>No ticket can reach {statuses} from {entry}.</source>
        <translation>Ни одна заявка не может попасть в {statuses} из {entry}.</translation>
    </message>
    <message>
        <source>A ticket in {statuses} could never leave it.</source>
        <translation>Заявка, попавшая в {statuses}, уже не сможет оттуда выйти.</translation>
    </message>
    <message>
        <source>Item {id} is not on the checklist of {category} tickets.</source>
        <translation>Пункта {id} нет в чек-листе заявок категории «{category}».</translation>
    </message>
    <message>
        <source>Name the department or contractor the ticket goes to.</source>
        <translation>Укажите отдел или подрядчика, которому передаётся заявка.</translation>
    </message>
    <message>
        <source>The note is longer than {limit} characters.</source>
        <translation>Примечание длиннее {limit} символов.</translation>
    </message>
    <message>
        <source>The workflow of {category} tickets has no hand-off.</source>
        <translation>В рабочем процессе заявок категории «{category}» нет передачи исполнителю.</translation>
    </message>
    <message>
        <source>Ticket {number} is already with {receiver}.</source>
        <translation>Заявка {number} уже передана: {receiver}.</translation>
    </message>
    <message>
        <source>The reopening period cannot be negative.</source>
        <translation>Срок переоткрытия не может быть отрицательным.</translation>
    </message>
    <message>
        <source>These fields cannot be made mandatory: {fields}.</source>
        <translation>Эти поля нельзя сделать обязательными: {fields}.</translation>
    </message>
    <message>
        <source>{status} is not a status of the {category} workflow.</source>
        <translation>{status} не является статусом рабочего процесса категории «{category}».</translation>
    </message>
    <message>
        <source>The deadline of {status} must be at least one minute.</source>
        <translation>Срок статуса {status} должен быть не меньше одной минуты.</translation>
    </message>
    <message>
        <source>{statuses} are not statuses of the {category} workflow.</source>
        <translation>{statuses} не являются статусами рабочего процесса категории «{category}».</translation>
    </message>
    <message>
        <source>{status} cannot lead to itself.</source>
        <translation>Статус {status} не может вести сам в себя.</translation>
    </message>
    <message>
        <source>A checklist item needs a text.</source>
        <translation>Пункт чек-листа должен содержать текст.</translation>
    </message>
    <message>
        <source>A checklist item is longer than {limit} characters.</source>
        <translation>Пункт чек-листа длиннее {limit} символов.</translation>
    </message>
    <message>
        <source>The checklist has these items twice: {items}.</source>
        <translation>Эти пункты встречаются в чек-листе дважды: {items}.</translation>
    </message>
    <message>
        <source>&apos;{url}&apos; is not a database address the console understands: {reason}</source>
        <translation>«{url}» — не адрес базы данных, понятный консоли: {reason}</translation>
    </message>
    <message>
        <source>Cannot open the database {url}: {reason}</source>
        <translation>Не удалось открыть базу данных {url}: {reason}</translation>
    </message>
    <message>
        <source>The database server refused the password of its user {user}.</source>
        <translation>Сервер базы данных отклонил пароль пользователя {user}.</translation>
    </message>
    <message>
        <source>{path} is not an SQLite database (the file exists but has another format); it was left untouched. Choose another file or move this one away.</source>
        <translation>{path} не является базой данных SQLite (файл существует, но имеет другой формат); он оставлен без изменений. Выберите другой файл или переместите этот.</translation>
    </message>
    <message>
        <source>The database {url} already holds tables that do not belong to the dispatcher console; it was left untouched. Point the console at an empty database or its own.</source>
        <translation>База данных {url} уже содержит таблицы, не относящиеся к консоли диспетчера; она оставлена без изменений. Укажите консоли пустую базу данных или её собственную.</translation>
    </message>
    <message>
        <source>The database {url} was written by a newer version of the console (schema {found}); this version knows schemas up to {known}. Install the newer console; the database was left untouched.</source>
        <translation>База данных {url} создана более новой версией консоли (схема {found}); эта версия поддерживает схемы до {known}. Установите новую версию консоли; база данных оставлена без изменений.</translation>
    </message>
    <message>
        <source>The database {url} could not be upgraded to this console&apos;s schema: {reason}. Nothing was changed; the console cannot use it until this is fixed.</source>
        <translation>Не удалось обновить базу данных {url} до схемы этой версии консоли: {reason}. Ничего не изменено; консоль не сможет работать с этой базой, пока проблема не будет устранена.</translation>
    </message>
    <message>
        <source>The database cannot be reached, so nothing was saved. What you typed is kept: save again when the console is back online.</source>
        <translation>Нет связи с базой данных, поэтому ничего не сохранено. Введённые данные остались в форме: сохраните их снова, когда связь с базой восстановится.</translation>
    </message>
</context>
<context>
    <name>forecast</name>
    <message>
        <source>Reassign to {technician}, {minutes} min away instead of {current} min</source>
        <translation>Переназначить на {technician}: {minutes} мин в пути вместо {current} мин</translation>
    </message>
    <message>
        <source>Tell the client and escalate: about {minutes} min late</source>
        <translation>Предупредите клиента и эскалируйте: опоздание около {minutes} мин</translation>
    </message>
    <message>
        <source>Assign a technician</source>
        <translation>Назначить инженера</translation>
    </message>
    <message>
        <source>Assign {technician}, {minutes} min away</source>
        <translation>Назначить {technician}: {minutes} мин в пути</translation>
    </message>
    <message>
        <source>Send {technician} now: {minutes} min to spare</source>
        <translation>Отправить {technician} сейчас: запас {minutes} мин</translation>
    </message>
    <message>
        <source>On track: {minutes} min to spare</source>
        <translation>В графике: запас {minutes} мин</translation>
    </message>
</context>
<context>
    <name>intake</name>
    <message>
        <source>{contact} is a contact of {client}; the site {site} belongs to {owner}.</source>
        <translation>{contact} — контактное лицо клиента {client}, а объект {site} принадлежит клиенту {owner}.</translation>
    </message>
    <message>
        <source>{contact} speaks only for {own_site} ({own_address}), not for {site}.</source>
        <translation>{contact} представляет только объект {own_site} ({own_address}), а не {site}.</translation>
    </message>
    <message>
        <source>{contact} is responsible for territory {territory}; {site} is in {site_territory}.</source>
        <translation>{contact} отвечает за территорию {territory}, а объект {site} относится к территории {site_territory}.</translation>
    </message>
    <message>
        <source>{contact} is responsible for territory {territory}; {site} belongs to no territory.</source>
        <translation>{contact} отвечает за территорию {territory}, а объект {site} не относится ни к одной территории.</translation>
    </message>
    <message>
        <source>This contact no longer exists.</source>
        <translation>Этого контактного лица больше нет.</translation>
    </message>
    <message>
        <source>{contact} may not request work for {client}.</source>
        <translation>{contact} не может заказывать работы для клиента {client}.</translation>
    </message>
    <message>
        <source>Contract {number} is suspended.</source>
        <translation>Договор {number} приостановлен.</translation>
    </message>
    <message>
        <source>Contract {number} was terminated.</source>
        <translation>Договор {number} расторгнут.</translation>
    </message>
    <message>
        <source>Contract {number} only starts on {starts_on}.</source>
        <translation>Договор {number} вступает в силу только {starts_on}.</translation>
    </message>
    <message>
        <source>Contract {number} expired on {ends_on}.</source>
        <translation>Срок действия договора {number} истёк {ends_on}.</translation>
    </message>
    <message>
        <source>Contract {number} does not cover {site} ({address}); the work will be billed.</source>
        <translation>Договор {number} не распространяется на объект {site} ({address}); работы будут оплачиваться отдельно.</translation>
    </message>
    <message>
        <source>{client} has no active contract; the work will be billed.</source>
        <translation>У клиента {client} нет действующего договора; работы будут оплачиваться отдельно.</translation>
    </message>
    <message>
        <source>{model} (serial {serial}) is not covered by contract {number}: the trip and the work will be billed. Make sure the client agrees.</source>
        <translation>Оборудование {model} (серийный № {serial}) не входит в договор {number}: выезд и работы будут оплачиваться отдельно. Убедитесь, что клиент согласен.</translation>
    </message>
    <message>
        <source>{model} (serial {serial}) was decommissioned on {day}.</source>
        <translation>Оборудование {model} (серийный № {serial}) выведено из эксплуатации {day}.</translation>
    </message>
    <message>
        <source>Contract {number} does not include {category} work; it will be billed separately.</source>
        <translation>Договор {number} не включает работы категории «{category}»; они будут оплачиваться отдельно.</translation>
    </message>
    <message>
        <source>The usual priority for {category} work.</source>
        <translation>Обычный приоритет для работ категории «{category}».</translation>
    </message>
    <message>
        <source>{tier} clients have priority support, but the contract does not cover this work.</source>
        <translation>У клиентов уровня {tier} приоритетная поддержка, но договор не покрывает эти работы.</translation>
    </message>
    <message>
        <source>{tier} clients have priority support for {category} work.</source>
        <translation>У клиентов уровня {tier} приоритетная поддержка для работ категории «{category}».</translation>
    </message>
    <message>
        <source>No equipment chosen: choose the specialisation.</source>
        <translation>Оборудование не выбрано: выберите специализацию.</translation>
    </message>
    <message>
        <source>{model} is serviced by the {skill} specialisation.</source>
        <translation>Оборудование {model} обслуживается по специализации «{skill}».</translation>
    </message>
</context>
<context>
    <name>kpis</name>
    <message>
        <source>Unassigned</source>
        <translation>Без инженера</translation>
    </message>
    <message>
        <source>No skill</source>
        <translation>Без навыка</translation>
    </message>
    <message>
        <source>All tickets</source>
        <translation>Все заявки</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <source>New</source>
        <translation>Новая</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Назначена</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Принята</translation>
    </message>
    <message>
        <source>En route</source>
        <translation>В пути</translation>
    </message>
    <message>
        <source>On site</source>
        <translation>На объекте</translation>
    </message>
    <message>
        <source>Waiting for client</source>
        <translation>Ожидание ответа клиента</translation>
    </message>
    <message>
        <source>Waiting for parts</source>
        <translation>Ожидание запчастей</translation>
    </message>
    <message>
        <source>With contractor</source>
        <translation>У подрядчика</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Решена</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Закрыта</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>Переоткрыта</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Отменена</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Критический</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Высокий</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Обычный</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Низкий</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Инцидент</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Запрос</translation>
    </message>
    <message>
        <source>Planned maintenance</source>
        <translation>ППР</translation>
    </message>
    <message>
        <source>Installation</source>
        <translation>Монтаж</translation>
    </message>
    <message>
        <source>Consultation</source>
        <translation>Консультация</translation>
    </message>
    <message>
        <source>No SLA</source>
        <translation>Без SLA</translation>
    </message>
    <message>
        <source>On track</source>
        <translation>В срок</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Пауза</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Предупреждение</translation>
    </message>
    <message>
        <source>Breached</source>
        <translation>Нарушен</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>Соблюдён</translation>
    </message>
    <message>
        <source>No SLA: no contract covers this site</source>
        <translation>Без SLA: объект не входит ни в один договор</translation>
    </message>
    <message>
        <source>No SLA: the contract is suspended or expired</source>
        <translation>Без SLA: договор приостановлен или истёк</translation>
    </message>
    <message>
        <source>No SLA: the contract has no SLA policy</source>
        <translation>Без SLA: в договоре нет политики SLA</translation>
    </message>
    <message>
        <source>No SLA: the policy has no target for this priority</source>
        <translation>Без SLA: в политике нет норматива для этого приоритета</translation>
    </message>
    <message>
        <source>No SLA: equipment not covered, billable work</source>
        <translation>Без SLA: оборудование не входит в договор, работа платная</translation>
    </message>
    <message>
        <source>No SLA: the calendar has no working hours</source>
        <translation>Без SLA: в календаре нет рабочих часов</translation>
    </message>
    <message>
        <source>Reaction</source>
        <translation>Реакция</translation>
    </message>
    <message>
        <source>Arrival</source>
        <translation>Прибытие</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Решение</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Свободен</translation>
    </message>
    <message>
        <source>Off shift</source>
        <translation>Не на смене</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 дн. %2 ч</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 ч %2 мин</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 мин</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Действует</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Приостановлен</translation>
    </message>
    <message>
        <source>Terminated</source>
        <translation>Расторгнут</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Истёк</translation>
    </message>
    <message>
        <source>Not started yet</source>
        <translation>Не вступил в силу</translation>
    </message>
    <message>
        <source>hour</source>
        <translation>ч</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>ед.</translation>
    </message>
    <message>
        <source>point</source>
        <translation>балл</translation>
    </message>
    <message>
        <source>One site</source>
        <translation>Один объект</translation>
    </message>
    <message>
        <source>Territory</source>
        <translation>Территория</translation>
    </message>
    <message>
        <source>Whole client</source>
        <translation>Все объекты</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Да</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Нет</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 дн.</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 ч</translation>
    </message>
    <message>
        <source>Dispatcher</source>
        <translation>Диспетчер</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Руководитель</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Администратор</translation>
    </message>
</context>
<context>
    <name>maintenance</name>
    <message>
        <source>The plan was deleted by someone else.</source>
        <translation>План удалён другим пользователем.</translation>
    </message>
    <message>
        <source>The plan “{name}” was changed by someone else; reopen it and try again.</source>
        <translation>План «{name}» изменил другой пользователь; откройте его заново и повторите попытку.</translation>
    </message>
    <message>
        <source>Give the plan a name.</source>
        <translation>Укажите название плана.</translation>
    </message>
    <message>
        <source>Choose the skill the work needs.</source>
        <translation>Выберите навык, нужный для работы.</translation>
    </message>
    <message>
        <source>Choose what happens on a non-working day.</source>
        <translation>Выберите, что делать в нерабочий день.</translation>
    </message>
    <message>
        <source>Jobs are made from 1 to {most} days ahead.</source>
        <translation>Задания создаются на срок от 1 до {most} дн. вперёд.</translation>
    </message>
    <message>
        <source>Unit {id} does not exist.</source>
        <translation>Единица оборудования {id} не найдена.</translation>
    </message>
    <message>
        <source>Choose the site of the model.</source>
        <translation>Выберите объект для модели.</translation>
    </message>
    <message>
        <source>Choose the model to service.</source>
        <translation>Выберите модель для обслуживания.</translation>
    </message>
    <message>
        <source>Choose what the plan serves: a unit, a model at a site, or a contract.</source>
        <translation>Выберите, что обслуживает план: единицу оборудования, модель на объекте или договор.</translation>
    </message>
    <message>
        <source>Contract {id} does not exist.</source>
        <translation>Договор {id} не найден.</translation>
    </message>
    <message>
        <source>The work must take some time.</source>
        <translation>Укажите длительность работы.</translation>
    </message>
    <message>
        <source>The time window must end after it starts.</source>
        <translation>Временное окно должно заканчиваться позже, чем начинается.</translation>
    </message>
    <message>
        <source>The work takes {work} min but the time window is {window} min long.</source>
        <translation>Работа занимает {work} мин, а временное окно — только {window} мин.</translation>
    </message>
    <message>
        <source>The work takes {work} min, longer than any shift of a technician with this skill ({shift} min); split it into several jobs.</source>
        <translation>Работа занимает {work} мин — дольше любой смены инженера с этим навыком ({shift} мин); разбейте её на несколько заданий.</translation>
    </message>
    <message>
        <source>{model} {serial} at {site}</source>
        <translation>{model} {serial} на объекте {site}</translation>
    </message>
    <message>
        <source>all {model} at {site}</source>
        <translation>все {model} на объекте {site}</translation>
    </message>
    <message>
        <source>contract {number}, all sites</source>
        <translation>договор {number}, все объекты</translation>
    </message>
    <message>
        <source>Enter a recurrence rule, for example FREQ=MONTHLY;BYMONTHDAY=1.</source>
        <translation>Введите правило повторения, например FREQ=MONTHLY;BYMONTHDAY=1.</translation>
    </message>
    <message>
        <source>Give the rule alone; the plan&apos;s start date is its first day.</source>
        <translation>Укажите только правило: его первым днём считается дата начала плана.</translation>
    </message>
    <message>
        <source>The rule cannot be read. Write it as in iCalendar, for example FREQ=MONTHLY;BYMONTHDAY=1 or FREQ=WEEKLY;INTERVAL=2;BYDAY=MO.</source>
        <translation>Не удалось разобрать правило. Запишите его в формате iCalendar, например FREQ=MONTHLY;BYMONTHDAY=1 или FREQ=WEEKLY;INTERVAL=2;BYDAY=MO.</translation>
    </message>
    <message>
        <source>Jobs recur daily, weekly, monthly or yearly, not more often.</source>
        <translation>Задания могут повторяться ежедневно, еженедельно, ежемесячно или ежегодно, но не чаще.</translation>
    </message>
    <message>
        <source>The rule gives days; the plan&apos;s time window gives the hours.</source>
        <translation>Правило задаёт дни, а часы задаёт временное окно плана.</translation>
    </message>
    <message>
        <source>The plan ends before it starts.</source>
        <translation>Окончание плана раньше его начала.</translation>
    </message>
    <message>
        <source>The rule gives no date between {first} and {last}; no job would ever be made.</source>
        <translation>Правило не даёт ни одной даты между {first} и {last}; задания никогда не будут созданы.</translation>
    </message>
    <message>
        <source>unassigned</source>
        <translation>не назначено</translation>
    </message>
    <message>
        <source>assigned</source>
        <translation>назначено</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>в работе</translation>
    </message>
    <message>
        <source>done</source>
        <translation>выполнено</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>просрочено</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>отменено</translation>
    </message>
    <message>
        <source>{skill} {planned}/{capacity} h</source>
        <translation>{skill} {planned}/{capacity} ч</translation>
    </message>
</context>
<context>
    <name>map</name>
    <message>
        <source>position %1 ago</source>
        <translation>местоположение %1 назад</translation>
    </message>
    <message>
        <source>min</source>
        <translation>мин</translation>
    </message>
    <message>
        <source>h</source>
        <translation>ч</translation>
    </message>
    <message>
        <source>no position reported, shown at the home base</source>
        <translation>местоположение не передано, показан на базе</translation>
    </message>
    <message>
        <source>m</source>
        <comment>metres, on the map&apos;s scale bar</comment>
        <translation>м</translation>
    </message>
    <message>
        <source>km</source>
        <comment>kilometres, on the map&apos;s scale bar</comment>
        <translation>км</translation>
    </message>
    <message>
        <source>SLA clock paused</source>
        <translation>Таймер SLA на паузе</translation>
    </message>
    <message>
        <source>no resolution deadline</source>
        <translation>нет срока решения</translation>
    </message>
    <message>
        <source>resolution overdue by %1</source>
        <translation>решение просрочено на %1</translation>
    </message>
    <message>
        <source>%1 left to resolve</source>
        <translation>до решения осталось %1</translation>
    </message>
    <message>
        <source>Technician: %1</source>
        <translation>Инженер: %1</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Без инженера</translation>
    </message>
    <message>
        <source>Priority: %1</source>
        <translation>Приоритет: %1</translation>
    </message>
    <message>
        <source>%1 open tickets</source>
        <translation>Открытых заявок: %1</translation>
    </message>
    <message>
        <source>%1: %2 km, ~%3</source>
        <translation>%1: %2 км, ~%3</translation>
    </message>
    <message>
        <source>home base</source>
        <translation>база</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>%1 назад</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Инженер</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>Расстояние</translation>
    </message>
    <message>
        <source>%1 km</source>
        <translation>%1 км</translation>
    </message>
    <message>
        <source>Travel</source>
        <translation>Дорога</translation>
    </message>
    <message>
        <source>Arrives</source>
        <translation>Прибытие</translation>
    </message>
    <message>
        <source>Before the deadline</source>
        <translation>Успеет к сроку</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Местоположение</translation>
    </message>
</context>
<context>
    <name>map_tiles</name>
    <message>
        <source>The address must start with https:// or http://.</source>
        <translation>Адрес должен начинаться с https:// или http://.</translation>
    </message>
    <message>
        <source>The address must contain {z}, {x} and {y}.</source>
        <translation>Адрес должен содержать {z}, {x} и {y}.</translation>
    </message>
</context>
<context>
    <name>other_change</name>
    <message>
        <source>the system</source>
        <translation>система</translation>
    </message>
    <message>
        <source>Saved meanwhile by %1 at %2</source>
        <translation>Тем временем сохранено (%1, %2)</translation>
    </message>
    <message>
        <source>and %1 more</source>
        <translation>и ещё %1</translation>
    </message>
</context>
<context>
    <name>planning</name>
    <message>
        <source>The visit must end after it starts.</source>
        <translation>Выезд должен заканчиваться позже, чем начинается.</translation>
    </message>
    <message>
        <source>{technician} no longer works as a technician.</source>
        <translation>{technician} больше не работает инженером.</translation>
    </message>
    <message>
        <source>Ticket {number} is {status}: it needs no more visits.</source>
        <translation>Заявка {number} в статусе «{status}»: выезды больше не нужны.</translation>
    </message>
    <message>
        <source>{technician} lacks the skill {skill} that ticket {number} needs.</source>
        <translation>У инженера {technician} нет навыка {skill}, необходимого для заявки {number}.</translation>
    </message>
    <message>
        <source>The visit is {status}: it can no longer be moved.</source>
        <translation>Выезд в статусе «{status}»: его уже нельзя перенести.</translation>
    </message>
    <message>
        <source>The visit started at {started:%H:%M}: it can no longer be moved.</source>
        <translation>Выезд начался в {started:%H:%M}: его уже нельзя перенести.</translation>
    </message>
    <message>
        <source>The visit is pinned to its time and technician; unpin it to move it.</source>
        <translation>Выезд закреплён за временем и инженером; чтобы перенести его, снимите закрепление.</translation>
    </message>
    <message>
        <source>{technician} has no shift calendar, so has no working hours.</source>
        <translation>У инженера {technician} нет графика смен, поэтому нет и рабочего времени.</translation>
    </message>
    <message>
        <source>{start:%H:%M}-{end:%H:%M} is outside the shift of {technician} ({shifts}).</source>
        <translation>Интервал {start:%H:%M}-{end:%H:%M} вне смены инженера {technician} ({shifts}).</translation>
    </message>
    <message>
        <source>{technician} has no shift on {start:%Y-%m-%d}.</source>
        <translation>У инженера {technician} нет смены {start:%Y-%m-%d}.</translation>
    </message>
    <message>
        <source>Ticket {number} has no site: no travel time is counted.</source>
        <translation>У заявки {number} нет объекта: время в пути не учитывается.</translation>
    </message>
    <message>
        <source>{technician} is on visit {number} from {other_start:%H:%M} to {other_end:%H:%M}.</source>
        <translation>Инженер {technician} на выезде {number} с {other_start:%H:%M} до {other_end:%H:%M}.</translation>
    </message>
    <message>
        <source>{technician} leaves visit {number} at {other_end:%H:%M} and needs {minutes} min to get here: the visit can start at {earliest:%H:%M} at the earliest.</source>
        <translation>Инженер {technician} освобождается с выезда {number} в {other_end:%H:%M}, а дорога сюда занимает {minutes} мин: выезд может начаться не раньше {earliest:%H:%M}.</translation>
    </message>
    <message>
        <source>{technician} could not reach the next visit, {number} at {other_start:%H:%M}, in time: the trip takes {minutes} min, so this visit must end by {latest:%H:%M}.</source>
        <translation>Инженер {technician} не успеет на следующий выезд ({number} в {other_start:%H:%M}): дорога занимает {minutes} мин, поэтому этот выезд должен закончиться до {latest:%H:%M}.</translation>
    </message>
    <message>
        <source>The technician arrives {minutes} min after the arrival deadline ({deadline:%Y-%m-%d %H:%M}).</source>
        <translation>Инженер прибудет на {minutes} мин позже срока прибытия ({deadline:%Y-%m-%d %H:%M}).</translation>
    </message>
    <message>
        <source>The visit ends {minutes} min after the resolution deadline ({deadline:%Y-%m-%d %H:%M}).</source>
        <translation>Выезд закончится на {minutes} мин позже срока решения ({deadline:%Y-%m-%d %H:%M}).</translation>
    </message>
</context>
<context>
    <name>queues</name>
    <message>
        <source>All open</source>
        <translation>Все открытые</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Неназначенные</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>Под угрозой</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Ожидание</translation>
    </message>
    <message>
        <source>Planned maintenance</source>
        <translation>ППР</translation>
    </message>
    <message>
        <source>My tickets</source>
        <translation>Мои заявки</translation>
    </message>
</context>
<context>
    <name>reference_import</name>
    <message>
        <source>Cannot import {path}: {reason}; nothing was saved.</source>
        <translation>Не удалось импортировать {path}: {reason}; ничего не сохранено.</translation>
    </message>
</context>
<context>
    <name>reports</name>
    <message>
        <source>Failures per equipment model</source>
        <translation>Отказы по моделям оборудования</translation>
    </message>
    <message>
        <source>Units that keep failing</source>
        <translation>Часто отказывающие единицы</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Модель</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Единиц</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>Отказы</translation>
    </message>
    <message>
        <source>Failures per unit</source>
        <translation>Отказов на ед.</translation>
    </message>
    <message>
        <source>MTBF, days</source>
        <translation>MTBF, дн.</translation>
    </message>
    <message>
        <source>Repair cost</source>
        <translation>Стоимость ремонта</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>Серийный номер</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Объект</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <source>Last failure</source>
        <translation>Последний отказ</translation>
    </message>
    <message>
        <source>Client loyalty</source>
        <translation>Лояльность клиентов</translation>
    </message>
    <message>
        <source>falling score</source>
        <translation>оценка снижается</translation>
    </message>
    <message>
        <source>rising breaches</source>
        <translation>число нарушений растёт</translation>
    </message>
    <message>
        <source>contract ending without renewal</source>
        <translation>договор истекает без продления</translation>
    </message>
    <message>
        <source>Feedback score</source>
        <translation>Оценка</translation>
    </message>
    <message>
        <source>Score before</source>
        <translation>Оценка ранее</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Изменение</translation>
    </message>
    <message>
        <source>Breaches</source>
        <translation>Нарушения</translation>
    </message>
    <message>
        <source>Breaches before</source>
        <translation>Нарушения ранее</translation>
    </message>
    <message>
        <source>Contract ends</source>
        <translation>Конец договора</translation>
    </message>
    <message>
        <source>Churn risk</source>
        <translation>Риск ухода</translation>
    </message>
    <message>
        <source>Contract profitability</source>
        <translation>Рентабельность договоров</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>Договор</translation>
    </message>
    <message>
        <source>Subscription</source>
        <translation>Абон. плата</translation>
    </message>
    <message>
        <source>Billed work</source>
        <translation>Платные работы</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>Выручка</translation>
    </message>
    <message>
        <source>Labour cost</source>
        <translation>Затраты на труд</translation>
    </message>
    <message>
        <source>Travel cost</source>
        <translation>Затраты на дорогу</translation>
    </message>
    <message>
        <source>Consumables</source>
        <translation>Расх. материалы</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Затраты</translation>
    </message>
    <message>
        <source>Margin</source>
        <translation>Маржа</translation>
    </message>
    <message>
        <source>Margin %</source>
        <translation>Маржа, %</translation>
    </message>
    <message>
        <source>by client</source>
        <translation>по клиентам</translation>
    </message>
    <message>
        <source>by contract</source>
        <translation>по договорам</translation>
    </message>
    <message>
        <source>by skill</source>
        <translation>по навыкам</translation>
    </message>
    <message>
        <source>by category</source>
        <translation>по категориям</translation>
    </message>
    <message>
        <source>by technician</source>
        <translation>по инженерам</translation>
    </message>
    <message>
        <source>SLA compliance</source>
        <translation>Соблюдение SLA</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(нет)</translation>
    </message>
    <message>
        <source>Reaction decided</source>
        <translation>Реакция, учтено</translation>
    </message>
    <message>
        <source>Reaction met %</source>
        <translation>Реакция в срок, %</translation>
    </message>
    <message>
        <source>Reaction mean, min</source>
        <translation>Реакция ср., мин</translation>
    </message>
    <message>
        <source>Reaction P90, min</source>
        <translation>Реакция P90, мин</translation>
    </message>
    <message>
        <source>Arrival decided</source>
        <translation>Прибытие, учтено</translation>
    </message>
    <message>
        <source>Arrival met %</source>
        <translation>Прибытие в срок, %</translation>
    </message>
    <message>
        <source>Arrival mean, min</source>
        <translation>Прибытие ср., мин</translation>
    </message>
    <message>
        <source>Arrival P90, min</source>
        <translation>Прибытие P90, мин</translation>
    </message>
    <message>
        <source>Resolution decided</source>
        <translation>Решение, учтено</translation>
    </message>
    <message>
        <source>Resolution met %</source>
        <translation>Решение в срок, %</translation>
    </message>
    <message>
        <source>Resolution mean, min</source>
        <translation>Решение ср., мин</translation>
    </message>
    <message>
        <source>Resolution P90, min</source>
        <translation>Решение P90, мин</translation>
    </message>
    <message>
        <source>Skill</source>
        <translation>Навык</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Категория</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Инженер</translation>
    </message>
    <message>
        <source>Tickets</source>
        <translation>Заявки</translation>
    </message>
    <message>
        <source>Technicians</source>
        <translation>Инженеры</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Бригада</translation>
    </message>
    <message>
        <source>Tickets resolved</source>
        <translation>Решено заявок</translation>
    </message>
    <message>
        <source>Hours logged</source>
        <translation>Учтено часов</translation>
    </message>
    <message>
        <source>First-time fix %</source>
        <translation>Решено с 1-го раза, %</translation>
    </message>
    <message>
        <source>Reopened %</source>
        <translation>Переоткрыто, %</translation>
    </message>
    <message>
        <source>Feedback received</source>
        <translation>Получено отзывов</translation>
    </message>
    <message>
        <source>Utilisation %</source>
        <translation>Загрузка, %</translation>
    </message>
    <message>
        <source>Period: {first} – {last}</source>
        <translation>Период: {first} – {last}</translation>
    </message>
</context>
<context>
    <name>startup</name>
    <message>
        <source>Dispatcher console</source>
        <translation>Консоль диспетчера</translation>
    </message>
    <message>
        <source>An unexpected error occurred: %1

Details were written to the log:
%2</source>
        <translation>Произошла непредвиденная ошибка: %1

Подробности записаны в журнал:
%2</translation>
    </message>
    <message>
        <source>Qt cannot start because these system libraries are missing: {libraries}.
On Debian/Ubuntu install them with:
    sudo apt-get install {packages}</source>
        <translation>Qt не может запуститься: отсутствуют системные библиотеки: {libraries}.
В Debian/Ubuntu установите их командой:
    sudo apt-get install {packages}</translation>
    </message>
    <message>
        <source>No display was found (neither DISPLAY nor WAYLAND_DISPLAY is set). Start the console from a desktop session, or on a headless machine run it under a virtual screen: xvfb-run -a dispatch-console</source>
        <translation>Дисплей не найден (не заданы ни DISPLAY, ни WAYLAND_DISPLAY). Запустите консоль в графическом сеансе или, на машине без монитора, под виртуальным экраном: xvfb-run -a dispatch-console</translation>
    </message>
</context>
<context>
    <name>supervisor</name>
    <message>
        <source>Group</source>
        <translation>Группа</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Открыто</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Решено</translation>
    </message>
    <message>
        <source>Backlog</source>
        <translation>Остаток</translation>
    </message>
    <message>
        <source>Reaction met</source>
        <translation>Реакция в срок</translation>
    </message>
    <message>
        <source>Arrival met</source>
        <translation>Прибытие в срок</translation>
    </message>
    <message>
        <source>Resolution met</source>
        <translation>Решение в срок</translation>
    </message>
    <message>
        <source>Reaction mean / p90</source>
        <translation>Реакция ср. / p90</translation>
    </message>
    <message>
        <source>Arrival mean / p90</source>
        <translation>Прибытие ср. / p90</translation>
    </message>
    <message>
        <source>Resolution mean / p90</source>
        <translation>Решение ср. / p90</translation>
    </message>
    <message>
        <source>First-time fix</source>
        <translation>Решено с 1-го раза</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>Переоткрыто</translation>
    </message>
    <message>
        <source>Utilisation</source>
        <translation>Загрузка</translation>
    </message>
    <message>
        <source>late by %1</source>
        <translation>опоздание %1</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Заявка</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Инженер</translation>
    </message>
    <message>
        <source>unassigned</source>
        <translation>не назначен</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Срок</translation>
    </message>
    <message>
        <source>Arrival</source>
        <translation>Прибытие</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Решение</translation>
    </message>
    <message>
        <source>Predicted finish</source>
        <translation>Прогноз завершения</translation>
    </message>
    <message>
        <source>Slack</source>
        <translation>Запас</translation>
    </message>
    <message>
        <source>Suggested action</source>
        <translation>Рекомендация</translation>
    </message>
    <message>
        <source>travel %1 min, work %2 min, waiting %3 min</source>
        <translation>дорога %1 мин, работа %2 мин, ожидание %3 мин</translation>
    </message>
</context>
<context>
    <name>users</name>
    <message>
        <source>This server has no users yet. Choose the administrator&apos;s login, name and password.</source>
        <translation>На этом сервере ещё нет пользователей. Задайте логин, имя и пароль администратора.</translation>
    </message>
    <message>
        <source>The login or the password is wrong.</source>
        <translation>Неверный логин или пароль.</translation>
    </message>
    <message>
        <source>User {login} was changed by someone else since you opened it; reload and make your change again.</source>
        <translation>Учётную запись {login} изменил другой пользователь, пока она была открыта у вас; загрузите её заново и повторите изменение.</translation>
    </message>
    <message>
        <source>This database already has users; sign in as one of them.</source>
        <translation>В этой базе данных уже есть пользователи; войдите под одним из них.</translation>
    </message>
    <message>
        <source>A password needs at least {count} characters.</source>
        <translation>Пароль должен содержать не менее {count} символов.</translation>
    </message>
    <message>
        <source>A login is 2 to 64 Latin letters, digits and . _ @ - (no spaces).</source>
        <translation>Логин — от 2 до 64 символов: латинские буквы, цифры и . _ @ - (без пробелов).</translation>
    </message>
    <message>
        <source>Give the user&apos;s full name (up to {max} characters).</source>
        <translation>Укажите ФИО пользователя (не более {max} символов).</translation>
    </message>
    <message>
        <source>Unknown role {role}.</source>
        <translation>Неизвестная роль {role}.</translation>
    </message>
    <message>
        <source>Give the new user a password.</source>
        <translation>Задайте пароль новому пользователю.</translation>
    </message>
    <message>
        <source>Login {login} is taken.</source>
        <translation>Логин {login} уже занят.</translation>
    </message>
    <message>
        <source>The team would be left without an active administrator; keep one.</source>
        <translation>Не останется ни одного активного администратора; оставьте хотя бы одного.</translation>
    </message>
    <message>
        <source>There is no user {login}.</source>
        <translation>Пользователь {login} не найден.</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>Текущий пароль указан неверно.</translation>
    </message>
</context>
</TS>
