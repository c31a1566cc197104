// The only evidence of call_report/list replies: the test fixtures of FOEDI/mcp-yeastar-pseries-pbx
// (tests/fixtures/*.json, commit 6e42019 / 497cd9b; a client whose README reports a check against a live PBX,
// firmware 83.24.0.73). Copied as they are, values and all, so that the spec's statistics schemas are held against
// them. No vendor page shows these replies.
const ok = { errcode: 0, errmsg: "SUCCESS" };

export const thirdPartyStatistics = {
  extcallstatistics: {
    source: "tests/fixtures/extension_call_stats.json",
    body: {
      ...ok,
      total_number: 1,
      ext_call_statistics_list: [
        {
          ext_num: "1000",
          ext_name: "Leo Ball",
          answered_calls: 40,
          no_answer_calls: 10,
          busy_calls: 3,
          failed_calls: 2,
          voicemail_calls: 7,
          abandoned_calls: 2,
          total_call_count: 62,
          total_holding_time: 472,
          total_talking_time: 588,
        },
      ],
    },
  },
  queueperformance: {
    source: "tests/fixtures/queue_performance.json",
    body: {
      ...ok,
      total_number: 1,
      is_12hour: 0,
      queue_performance_list: [
        {
          queue: "SAV",
          queue_num: "6402",
          total_calls: 1200,
          answered_calls: 1050,
          missed_calls: 150,
          abandoned_calls: 80,
          average_waiting_time: 28,
          average_talking_time: 240,
          max_waiting_time: 190,
          answered_rate: 87.5,
          missed_rate: 12.5,
          abandoned_rate: 6.67,
          sla: 81.2,
          average_server_time: 275,
          all_call_average_waiting_time: 34,
          answered_call_time: 252000,
          total_ring_time: 40800,
          answered_hold_time: 6300,
        },
      ],
    },
  },
  queueavgwaittalktime: {
    source: "tests/fixtures/queue_wait_times.json",
    body: {
      ...ok,
      total_number: 2,
      queue_avg_wait_talk_time_list: [
        {
          time: 9,
          avg_wait_time: 28,
          avg_talk_time: 240,
          all_call_avg_wait_time: 34,
          answered_calls: 1050,
          total_calls: 1200,
          answered_waiting_time: 29400,
          total_waiting_time: 40800,
          total_talking_time: 252000,
        },
        {
          time: 10,
          avg_wait_time: 29,
          avg_talk_time: 241,
          all_call_avg_wait_time: 35,
          answered_calls: 100,
          total_calls: 120,
        },
      ],
    },
  },
  queueagentperformance: {
    source: "tests/fixtures/agent_performance.json",
    body: {
      ...ok,
      queue_agent_performance_list: [
        {
          queue: "SAV",
          queue_num: "6402",
          queue_id: 3,
          detail: [
            {
              agent_name: "Madison Cooper",
              agent_number: "1004",
              total_calls: 240,
              answered_calls: 225,
              missed_calls: 15,
              average_waiting_time: 18,
              max_waiting_time: 90,
              answered_waiting_time: 4050,
              average_talking_time: 230,
              total_talking_time: 51750,
              missed_call_rate: 6.25,
            },
          ],
        },
      ],
    },
  },
  queueagentinoutcalls: {
    source: "tests/fixtures/agent_call_summary.json",
    body: {
      ...ok,
      total_number: 1,
      queue_agent_in_out_calls_list: [
        {
          agent_name: "Agent One",
          agent_num: "1004",
          queue_answered_calls: 40,
          queue_talk_duration: 3600,
          outbound_calls: 12,
          outbound_answer_calls: 10,
          outbound_talk_duration: 900,
          total_calls: 52,
          total_duration: 4500,
          average_talk_duration: 90,
          average_waiting_duration: 18,
          average_hold_duration: 4,
          average_answered_server_duration: 112,
        },
      ],
    },
  },
  ringgroupstatistics: {
    source: "tests/fixtures/ring_group_stats.json",
    body: {
      ...ok,
      total_number: 1,
      ring_group_statistics_list: [
        {
          group_name: "Support Backup",
          group_num: "6300",
          answered_calls: 80,
          total_calls: 100,
          member_list: [
            { ext_name: "Agent One", ext_num: "1004", answered_calls: 50, total_calls: 100 },
            { ext_name: "Agent Two", ext_num: "1005", answered_calls: 30, total_calls: 100 },
          ],
        },
      ],
    },
  },
  ivr: {
    source: "tests/fixtures/ivr_report.json",
    body: {
      ...ok,
      total_number: 1,
      ivr_list: [{ ivr_name: "Main IVR", ivr_num: "6500", press_count: { press_1: 2, press_2: 1, press_timeout: 1 } }],
    },
  },
} as const;
