//! Typed CloudFormation (L1) resources for all 1854 resource types of the
//! CloudFormation registry, generated from its schemas (cfn-lint 1.58.0, schema date 2026-10-20T22:11:15Z) by
//! `rcdk-cfn-gen`. Do not edit: re-run the generator.
//!
//! Each service is a module behind a cargo feature of the same name (`sns`,
//! `ec2`, `api_gateway_v2`, ...), so a program compiles only the services it
//! uses: `rcdk-cfn = { version = "0.1", features = ["sns"] }`. Each resource
//! type `AWS::Service::Name` is `service::CfnName`, created with
//! `CfnName::new(scope, id, CfnNameProps { .. })`; its nested property types
//! live in `service::name`. Required properties are plain fields, optional
//! ones `Option`s; `set_*`, `push_*` and `insert_*` change a property after
//! creation; `attr_*` methods give the `Fn::GetAtt` attributes.
//!
//! Without any feature the crate is [`metadata`]: what the registry says about
//! every type (create-only, read-only and write-only properties, primary
//! identifier, tagging), always compiled. [`register`] (called by every
//! generated constructor) hands it, with the schema constraints of the
//! compiled services, to `rcdk-core`, which checks every literal property
//! value at synthesis.
//!
//! ```
//! let topic = rcdk_cfn::metadata::metadata("AWS::SNS::Topic").unwrap();
//! assert!(topic.create_only_properties().any(|p| p == "TopicName"));
//! ```
#![cfg_attr(
    feature = "sns",
    doc = r#"
```
use rcdk_core::{App, StackProps};
use rcdk_cfn::sns::{CfnTopic, CfnTopicProps};
let app = App::new();
let stack = app.stack("S", StackProps::default());
let topic = CfnTopic::new(&stack, "Topic", CfnTopicProps { display_name: Some("Alerts".into()), ..Default::default() });
topic.set_fifo_topic(false).push_tags(rcdk_cfn::sns::topic::Tag::new("team", "ops"));
let _arn = topic.attr_topic_arn();
```
"#
)]
#![allow(clippy::all, rustdoc::all)]

#[rustfmt::skip]
pub mod metadata;
#[cfg(feature = "access_analyzer")]
#[rustfmt::skip]
pub mod access_analyzer;
#[cfg(feature = "account_access")]
#[rustfmt::skip]
pub mod account_access;
#[cfg(feature = "acmpca")]
#[rustfmt::skip]
pub mod acmpca;
#[cfg(feature = "agent_registry")]
#[rustfmt::skip]
pub mod agent_registry;
#[cfg(feature = "ai_ops")]
#[rustfmt::skip]
pub mod ai_ops;
#[cfg(feature = "amazon_mq")]
#[rustfmt::skip]
pub mod amazon_mq;
#[cfg(feature = "amplify")]
#[rustfmt::skip]
pub mod amplify;
#[cfg(feature = "amplify_ui_builder")]
#[rustfmt::skip]
pub mod amplify_ui_builder;
#[cfg(feature = "api_gateway")]
#[rustfmt::skip]
pub mod api_gateway;
#[cfg(feature = "api_gateway_v2")]
#[rustfmt::skip]
pub mod api_gateway_v2;
#[cfg(feature = "app_config")]
#[rustfmt::skip]
pub mod app_config;
#[cfg(feature = "app_fabric")]
#[rustfmt::skip]
pub mod app_fabric;
#[cfg(feature = "app_flow")]
#[rustfmt::skip]
pub mod app_flow;
#[cfg(feature = "app_integrations")]
#[rustfmt::skip]
pub mod app_integrations;
#[cfg(feature = "app_mesh")]
#[rustfmt::skip]
pub mod app_mesh;
#[cfg(feature = "app_runner")]
#[rustfmt::skip]
pub mod app_runner;
#[cfg(feature = "app_stream")]
#[rustfmt::skip]
pub mod app_stream;
#[cfg(feature = "app_sync")]
#[rustfmt::skip]
pub mod app_sync;
#[cfg(feature = "app_test")]
#[rustfmt::skip]
pub mod app_test;
#[cfg(feature = "application_auto_scaling")]
#[rustfmt::skip]
pub mod application_auto_scaling;
#[cfg(feature = "application_insights")]
#[rustfmt::skip]
pub mod application_insights;
#[cfg(feature = "application_signals")]
#[rustfmt::skip]
pub mod application_signals;
#[cfg(feature = "aps")]
#[rustfmt::skip]
pub mod aps;
#[cfg(feature = "arc_region_switch")]
#[rustfmt::skip]
pub mod arc_region_switch;
#[cfg(feature = "arc_zonal_shift")]
#[rustfmt::skip]
pub mod arc_zonal_shift;
#[cfg(feature = "ask")]
#[rustfmt::skip]
pub mod ask;
#[cfg(feature = "athena")]
#[rustfmt::skip]
pub mod athena;
#[cfg(feature = "audit_manager")]
#[rustfmt::skip]
pub mod audit_manager;
#[cfg(feature = "auto_scaling")]
#[rustfmt::skip]
pub mod auto_scaling;
#[cfg(feature = "auto_scaling_plans")]
#[rustfmt::skip]
pub mod auto_scaling_plans;
#[cfg(feature = "aws_external_anthropic")]
#[rustfmt::skip]
pub mod aws_external_anthropic;
#[cfg(feature = "b2bi")]
#[rustfmt::skip]
pub mod b2bi;
#[cfg(feature = "backup")]
#[rustfmt::skip]
pub mod backup;
#[cfg(feature = "backup_gateway")]
#[rustfmt::skip]
pub mod backup_gateway;
#[cfg(feature = "batch")]
#[rustfmt::skip]
pub mod batch;
#[cfg(feature = "bcm")]
#[rustfmt::skip]
pub mod bcm;
#[cfg(feature = "bcm_data_exports")]
#[rustfmt::skip]
pub mod bcm_data_exports;
#[cfg(feature = "bcm_pricing_calculator")]
#[rustfmt::skip]
pub mod bcm_pricing_calculator;
#[cfg(feature = "bedrock")]
#[rustfmt::skip]
pub mod bedrock;
#[cfg(feature = "bedrock_agent_core")]
#[rustfmt::skip]
pub mod bedrock_agent_core;
#[cfg(feature = "bedrock_mantle")]
#[rustfmt::skip]
pub mod bedrock_mantle;
#[cfg(feature = "billing")]
#[rustfmt::skip]
pub mod billing;
#[cfg(feature = "billing_conductor")]
#[rustfmt::skip]
pub mod billing_conductor;
#[cfg(feature = "braket")]
#[rustfmt::skip]
pub mod braket;
#[cfg(feature = "budgets")]
#[rustfmt::skip]
pub mod budgets;
#[cfg(feature = "cases")]
#[rustfmt::skip]
pub mod cases;
#[cfg(feature = "cassandra")]
#[rustfmt::skip]
pub mod cassandra;
#[cfg(feature = "cdk")]
#[rustfmt::skip]
pub mod cdk;
#[cfg(feature = "ce")]
#[rustfmt::skip]
pub mod ce;
#[cfg(feature = "certificate_manager")]
#[rustfmt::skip]
pub mod certificate_manager;
#[cfg(feature = "chatbot")]
#[rustfmt::skip]
pub mod chatbot;
#[cfg(feature = "chime")]
#[rustfmt::skip]
pub mod chime;
#[cfg(feature = "clean_rooms")]
#[rustfmt::skip]
pub mod clean_rooms;
#[cfg(feature = "clean_rooms_ml")]
#[rustfmt::skip]
pub mod clean_rooms_ml;
#[cfg(feature = "cloud9")]
#[rustfmt::skip]
pub mod cloud9;
#[cfg(feature = "cloud_formation")]
#[rustfmt::skip]
pub mod cloud_formation;
#[cfg(feature = "cloud_front")]
#[rustfmt::skip]
pub mod cloud_front;
#[cfg(feature = "cloud_hsm")]
#[rustfmt::skip]
pub mod cloud_hsm;
#[cfg(feature = "cloud_trail")]
#[rustfmt::skip]
pub mod cloud_trail;
#[cfg(feature = "cloud_watch")]
#[rustfmt::skip]
pub mod cloud_watch;
#[cfg(feature = "code_artifact")]
#[rustfmt::skip]
pub mod code_artifact;
#[cfg(feature = "code_build")]
#[rustfmt::skip]
pub mod code_build;
#[cfg(feature = "code_commit")]
#[rustfmt::skip]
pub mod code_commit;
#[cfg(feature = "code_connections")]
#[rustfmt::skip]
pub mod code_connections;
#[cfg(feature = "code_deploy")]
#[rustfmt::skip]
pub mod code_deploy;
#[cfg(feature = "code_guru_profiler")]
#[rustfmt::skip]
pub mod code_guru_profiler;
#[cfg(feature = "code_guru_reviewer")]
#[rustfmt::skip]
pub mod code_guru_reviewer;
#[cfg(feature = "code_pipeline")]
#[rustfmt::skip]
pub mod code_pipeline;
#[cfg(feature = "code_star")]
#[rustfmt::skip]
pub mod code_star;
#[cfg(feature = "code_star_connections")]
#[rustfmt::skip]
pub mod code_star_connections;
#[cfg(feature = "code_star_notifications")]
#[rustfmt::skip]
pub mod code_star_notifications;
#[cfg(feature = "cognito")]
#[rustfmt::skip]
pub mod cognito;
#[cfg(feature = "comprehend")]
#[rustfmt::skip]
pub mod comprehend;
#[cfg(feature = "compute_optimizer")]
#[rustfmt::skip]
pub mod compute_optimizer;
#[cfg(feature = "config")]
#[rustfmt::skip]
pub mod config;
#[cfg(feature = "connect")]
#[rustfmt::skip]
pub mod connect;
#[cfg(feature = "connect_campaigns")]
#[rustfmt::skip]
pub mod connect_campaigns;
#[cfg(feature = "connect_campaigns_v2")]
#[rustfmt::skip]
pub mod connect_campaigns_v2;
#[cfg(feature = "control_tower")]
#[rustfmt::skip]
pub mod control_tower;
#[cfg(feature = "cur")]
#[rustfmt::skip]
pub mod cur;
#[cfg(feature = "customer_profiles")]
#[rustfmt::skip]
pub mod customer_profiles;
#[cfg(feature = "data_brew")]
#[rustfmt::skip]
pub mod data_brew;
#[cfg(feature = "data_exchange")]
#[rustfmt::skip]
pub mod data_exchange;
#[cfg(feature = "data_pipeline")]
#[rustfmt::skip]
pub mod data_pipeline;
#[cfg(feature = "data_sync")]
#[rustfmt::skip]
pub mod data_sync;
#[cfg(feature = "data_zone")]
#[rustfmt::skip]
pub mod data_zone;
#[cfg(feature = "dax")]
#[rustfmt::skip]
pub mod dax;
#[cfg(feature = "deadline")]
#[rustfmt::skip]
pub mod deadline;
#[cfg(feature = "detective")]
#[rustfmt::skip]
pub mod detective;
#[cfg(feature = "dev_ops_agent")]
#[rustfmt::skip]
pub mod dev_ops_agent;
#[cfg(feature = "dev_ops_guru")]
#[rustfmt::skip]
pub mod dev_ops_guru;
#[cfg(feature = "direct_connect")]
#[rustfmt::skip]
pub mod direct_connect;
#[cfg(feature = "directory_service")]
#[rustfmt::skip]
pub mod directory_service;
#[cfg(feature = "dlm")]
#[rustfmt::skip]
pub mod dlm;
#[cfg(feature = "dms")]
#[rustfmt::skip]
pub mod dms;
#[cfg(feature = "doc_db")]
#[rustfmt::skip]
pub mod doc_db;
#[cfg(feature = "doc_db_elastic")]
#[rustfmt::skip]
pub mod doc_db_elastic;
#[cfg(feature = "drs")]
#[rustfmt::skip]
pub mod drs;
#[cfg(feature = "dsql")]
#[rustfmt::skip]
pub mod dsql;
#[cfg(feature = "dynamo_db")]
#[rustfmt::skip]
pub mod dynamo_db;
#[cfg(feature = "ec2")]
#[rustfmt::skip]
pub mod ec2;
#[cfg(feature = "ecr")]
#[rustfmt::skip]
pub mod ecr;
#[cfg(feature = "ecs")]
#[rustfmt::skip]
pub mod ecs;
#[cfg(feature = "efs")]
#[rustfmt::skip]
pub mod efs;
#[cfg(feature = "eks")]
#[rustfmt::skip]
pub mod eks;
#[cfg(feature = "elasti_cache")]
#[rustfmt::skip]
pub mod elasti_cache;
#[cfg(feature = "elastic_beanstalk")]
#[rustfmt::skip]
pub mod elastic_beanstalk;
#[cfg(feature = "elastic_load_balancing")]
#[rustfmt::skip]
pub mod elastic_load_balancing;
#[cfg(feature = "elastic_load_balancing_v2")]
#[rustfmt::skip]
pub mod elastic_load_balancing_v2;
#[cfg(feature = "elasticsearch")]
#[rustfmt::skip]
pub mod elasticsearch;
#[cfg(feature = "elemental_inference")]
#[rustfmt::skip]
pub mod elemental_inference;
#[cfg(feature = "emr")]
#[rustfmt::skip]
pub mod emr;
#[cfg(feature = "emr_containers")]
#[rustfmt::skip]
pub mod emr_containers;
#[cfg(feature = "emr_serverless")]
#[rustfmt::skip]
pub mod emr_serverless;
#[cfg(feature = "entity_resolution")]
#[rustfmt::skip]
pub mod entity_resolution;
#[cfg(feature = "event_schemas")]
#[rustfmt::skip]
pub mod event_schemas;
#[cfg(feature = "events")]
#[rustfmt::skip]
pub mod events;
#[cfg(feature = "events_v2")]
#[rustfmt::skip]
pub mod events_v2;
#[cfg(feature = "evidently")]
#[rustfmt::skip]
pub mod evidently;
#[cfg(feature = "evs")]
#[rustfmt::skip]
pub mod evs;
#[cfg(feature = "f_sx")]
#[rustfmt::skip]
pub mod f_sx;
#[cfg(feature = "fin_space")]
#[rustfmt::skip]
pub mod fin_space;
#[cfg(feature = "fis")]
#[rustfmt::skip]
pub mod fis;
#[cfg(feature = "fms")]
#[rustfmt::skip]
pub mod fms;
#[cfg(feature = "forecast")]
#[rustfmt::skip]
pub mod forecast;
#[cfg(feature = "fraud_detector")]
#[rustfmt::skip]
pub mod fraud_detector;
#[cfg(feature = "game_lift")]
#[rustfmt::skip]
pub mod game_lift;
#[cfg(feature = "global_accelerator")]
#[rustfmt::skip]
pub mod global_accelerator;
#[cfg(feature = "glue")]
#[rustfmt::skip]
pub mod glue;
#[cfg(feature = "grafana")]
#[rustfmt::skip]
pub mod grafana;
#[cfg(feature = "greengrass")]
#[rustfmt::skip]
pub mod greengrass;
#[cfg(feature = "greengrass_v2")]
#[rustfmt::skip]
pub mod greengrass_v2;
#[cfg(feature = "ground_station")]
#[rustfmt::skip]
pub mod ground_station;
#[cfg(feature = "guard_duty")]
#[rustfmt::skip]
pub mod guard_duty;
#[cfg(feature = "health_agent")]
#[rustfmt::skip]
pub mod health_agent;
#[cfg(feature = "health_imaging")]
#[rustfmt::skip]
pub mod health_imaging;
#[cfg(feature = "health_lake")]
#[rustfmt::skip]
pub mod health_lake;
#[cfg(feature = "iam")]
#[rustfmt::skip]
pub mod iam;
#[cfg(feature = "identity_store")]
#[rustfmt::skip]
pub mod identity_store;
#[cfg(feature = "image_builder")]
#[rustfmt::skip]
pub mod image_builder;
#[cfg(feature = "inspector")]
#[rustfmt::skip]
pub mod inspector;
#[cfg(feature = "inspector_v2")]
#[rustfmt::skip]
pub mod inspector_v2;
#[cfg(feature = "interconnect")]
#[rustfmt::skip]
pub mod interconnect;
#[cfg(feature = "internet_monitor")]
#[rustfmt::skip]
pub mod internet_monitor;
#[cfg(feature = "invoicing")]
#[rustfmt::skip]
pub mod invoicing;
#[cfg(feature = "iot")]
#[rustfmt::skip]
pub mod iot;
#[cfg(feature = "iot_analytics")]
#[rustfmt::skip]
pub mod iot_analytics;
#[cfg(feature = "iot_core_device_advisor")]
#[rustfmt::skip]
pub mod iot_core_device_advisor;
#[cfg(feature = "iot_fleet_wise")]
#[rustfmt::skip]
pub mod iot_fleet_wise;
#[cfg(feature = "iot_secure_tunneling")]
#[rustfmt::skip]
pub mod iot_secure_tunneling;
#[cfg(feature = "iot_site_wise")]
#[rustfmt::skip]
pub mod iot_site_wise;
#[cfg(feature = "iot_things_graph")]
#[rustfmt::skip]
pub mod iot_things_graph;
#[cfg(feature = "iot_twin_maker")]
#[rustfmt::skip]
pub mod iot_twin_maker;
#[cfg(feature = "iot_wireless")]
#[rustfmt::skip]
pub mod iot_wireless;
#[cfg(feature = "ivs")]
#[rustfmt::skip]
pub mod ivs;
#[cfg(feature = "ivs_chat")]
#[rustfmt::skip]
pub mod ivs_chat;
#[cfg(feature = "kafka_connect")]
#[rustfmt::skip]
pub mod kafka_connect;
#[cfg(feature = "kendra")]
#[rustfmt::skip]
pub mod kendra;
#[cfg(feature = "kendra_ranking")]
#[rustfmt::skip]
pub mod kendra_ranking;
#[cfg(feature = "kinesis")]
#[rustfmt::skip]
pub mod kinesis;
#[cfg(feature = "kinesis_analytics")]
#[rustfmt::skip]
pub mod kinesis_analytics;
#[cfg(feature = "kinesis_analytics_v2")]
#[rustfmt::skip]
pub mod kinesis_analytics_v2;
#[cfg(feature = "kinesis_firehose")]
#[rustfmt::skip]
pub mod kinesis_firehose;
#[cfg(feature = "kinesis_video")]
#[rustfmt::skip]
pub mod kinesis_video;
#[cfg(feature = "kms")]
#[rustfmt::skip]
pub mod kms;
#[cfg(feature = "lake_formation")]
#[rustfmt::skip]
pub mod lake_formation;
#[cfg(feature = "lambda")]
#[rustfmt::skip]
pub mod lambda;
#[cfg(feature = "launch_wizard")]
#[rustfmt::skip]
pub mod launch_wizard;
#[cfg(feature = "lex")]
#[rustfmt::skip]
pub mod lex;
#[cfg(feature = "license_manager")]
#[rustfmt::skip]
pub mod license_manager;
#[cfg(feature = "license_manager_linux_subscriptions")]
#[rustfmt::skip]
pub mod license_manager_linux_subscriptions;
#[cfg(feature = "license_manager_user_subscriptions")]
#[rustfmt::skip]
pub mod license_manager_user_subscriptions;
#[cfg(feature = "lightsail")]
#[rustfmt::skip]
pub mod lightsail;
#[cfg(feature = "location")]
#[rustfmt::skip]
pub mod location;
#[cfg(feature = "logs")]
#[rustfmt::skip]
pub mod logs;
#[cfg(feature = "lookout_equipment")]
#[rustfmt::skip]
pub mod lookout_equipment;
#[cfg(feature = "lookout_vision")]
#[rustfmt::skip]
pub mod lookout_vision;
#[cfg(feature = "m2")]
#[rustfmt::skip]
pub mod m2;
#[cfg(feature = "macie")]
#[rustfmt::skip]
pub mod macie;
#[cfg(feature = "managed_blockchain")]
#[rustfmt::skip]
pub mod managed_blockchain;
#[cfg(feature = "media_connect")]
#[rustfmt::skip]
pub mod media_connect;
#[cfg(feature = "media_convert")]
#[rustfmt::skip]
pub mod media_convert;
#[cfg(feature = "media_live")]
#[rustfmt::skip]
pub mod media_live;
#[cfg(feature = "media_package")]
#[rustfmt::skip]
pub mod media_package;
#[cfg(feature = "media_package_v2")]
#[rustfmt::skip]
pub mod media_package_v2;
#[cfg(feature = "media_store")]
#[rustfmt::skip]
pub mod media_store;
#[cfg(feature = "media_tailor")]
#[rustfmt::skip]
pub mod media_tailor;
#[cfg(feature = "memory_db")]
#[rustfmt::skip]
pub mod memory_db;
#[cfg(feature = "mgn")]
#[rustfmt::skip]
pub mod mgn;
#[cfg(feature = "mpa")]
#[rustfmt::skip]
pub mod mpa;
#[cfg(feature = "msk")]
#[rustfmt::skip]
pub mod msk;
#[cfg(feature = "mwaa")]
#[rustfmt::skip]
pub mod mwaa;
#[cfg(feature = "mwaa_serverless")]
#[rustfmt::skip]
pub mod mwaa_serverless;
#[cfg(feature = "neptune")]
#[rustfmt::skip]
pub mod neptune;
#[cfg(feature = "neptune_graph")]
#[rustfmt::skip]
pub mod neptune_graph;
#[cfg(feature = "network_firewall")]
#[rustfmt::skip]
pub mod network_firewall;
#[cfg(feature = "network_flow_monitor")]
#[rustfmt::skip]
pub mod network_flow_monitor;
#[cfg(feature = "network_manager")]
#[rustfmt::skip]
pub mod network_manager;
#[cfg(feature = "network_monitor")]
#[rustfmt::skip]
pub mod network_monitor;
#[cfg(feature = "network_security_manager")]
#[rustfmt::skip]
pub mod network_security_manager;
#[cfg(feature = "notifications")]
#[rustfmt::skip]
pub mod notifications;
#[cfg(feature = "notifications_contacts")]
#[rustfmt::skip]
pub mod notifications_contacts;
#[cfg(feature = "nova_act")]
#[rustfmt::skip]
pub mod nova_act;
#[cfg(feature = "oam")]
#[rustfmt::skip]
pub mod oam;
#[cfg(feature = "observability_admin")]
#[rustfmt::skip]
pub mod observability_admin;
#[cfg(feature = "odb")]
#[rustfmt::skip]
pub mod odb;
#[cfg(feature = "omics")]
#[rustfmt::skip]
pub mod omics;
#[cfg(feature = "open_search")]
#[rustfmt::skip]
pub mod open_search;
#[cfg(feature = "open_search_serverless")]
#[rustfmt::skip]
pub mod open_search_serverless;
#[cfg(feature = "open_search_service")]
#[rustfmt::skip]
pub mod open_search_service;
#[cfg(feature = "organizations")]
#[rustfmt::skip]
pub mod organizations;
#[cfg(feature = "osis")]
#[rustfmt::skip]
pub mod osis;
#[cfg(feature = "outposts")]
#[rustfmt::skip]
pub mod outposts;
#[cfg(feature = "panorama")]
#[rustfmt::skip]
pub mod panorama;
#[cfg(feature = "payment_cryptography")]
#[rustfmt::skip]
pub mod payment_cryptography;
#[cfg(feature = "pca_connector_ad")]
#[rustfmt::skip]
pub mod pca_connector_ad;
#[cfg(feature = "pca_connector_scep")]
#[rustfmt::skip]
pub mod pca_connector_scep;
#[cfg(feature = "pcs")]
#[rustfmt::skip]
pub mod pcs;
#[cfg(feature = "personalize")]
#[rustfmt::skip]
pub mod personalize;
#[cfg(feature = "pi")]
#[rustfmt::skip]
pub mod pi;
#[cfg(feature = "pinpoint")]
#[rustfmt::skip]
pub mod pinpoint;
#[cfg(feature = "pinpoint_email")]
#[rustfmt::skip]
pub mod pinpoint_email;
#[cfg(feature = "pipes")]
#[rustfmt::skip]
pub mod pipes;
#[cfg(feature = "polly")]
#[rustfmt::skip]
pub mod polly;
#[cfg(feature = "pricing_plan_manager")]
#[rustfmt::skip]
pub mod pricing_plan_manager;
#[cfg(feature = "proton")]
#[rustfmt::skip]
pub mod proton;
#[cfg(feature = "q_business")]
#[rustfmt::skip]
pub mod q_business;
#[cfg(feature = "qldb")]
#[rustfmt::skip]
pub mod qldb;
#[cfg(feature = "quick_sight")]
#[rustfmt::skip]
pub mod quick_sight;
#[cfg(feature = "ram")]
#[rustfmt::skip]
pub mod ram;
#[cfg(feature = "rbin")]
#[rustfmt::skip]
pub mod rbin;
#[cfg(feature = "rds")]
#[rustfmt::skip]
pub mod rds;
#[cfg(feature = "redshift")]
#[rustfmt::skip]
pub mod redshift;
#[cfg(feature = "redshift_serverless")]
#[rustfmt::skip]
pub mod redshift_serverless;
#[cfg(feature = "refactor_spaces")]
#[rustfmt::skip]
pub mod refactor_spaces;
#[cfg(feature = "rekognition")]
#[rustfmt::skip]
pub mod rekognition;
#[cfg(feature = "resilience_hub")]
#[rustfmt::skip]
pub mod resilience_hub;
#[cfg(feature = "resilience_hub_v2")]
#[rustfmt::skip]
pub mod resilience_hub_v2;
#[cfg(feature = "resource_explorer2")]
#[rustfmt::skip]
pub mod resource_explorer2;
#[cfg(feature = "resource_groups")]
#[rustfmt::skip]
pub mod resource_groups;
#[cfg(feature = "robo_maker")]
#[rustfmt::skip]
pub mod robo_maker;
#[cfg(feature = "roles_anywhere")]
#[rustfmt::skip]
pub mod roles_anywhere;
#[cfg(feature = "route53")]
#[rustfmt::skip]
pub mod route53;
#[cfg(feature = "route53_global_resolver")]
#[rustfmt::skip]
pub mod route53_global_resolver;
#[cfg(feature = "route53_profiles")]
#[rustfmt::skip]
pub mod route53_profiles;
#[cfg(feature = "route53_recovery_control")]
#[rustfmt::skip]
pub mod route53_recovery_control;
#[cfg(feature = "route53_recovery_readiness")]
#[rustfmt::skip]
pub mod route53_recovery_readiness;
#[cfg(feature = "route53_resolver")]
#[rustfmt::skip]
pub mod route53_resolver;
#[cfg(feature = "rtb_fabric")]
#[rustfmt::skip]
pub mod rtb_fabric;
#[cfg(feature = "rum")]
#[rustfmt::skip]
pub mod rum;
#[cfg(feature = "s3")]
#[rustfmt::skip]
pub mod s3;
#[cfg(feature = "s3_express")]
#[rustfmt::skip]
pub mod s3_express;
#[cfg(feature = "s3_files")]
#[rustfmt::skip]
pub mod s3_files;
#[cfg(feature = "s3_object_lambda")]
#[rustfmt::skip]
pub mod s3_object_lambda;
#[cfg(feature = "s3_outposts")]
#[rustfmt::skip]
pub mod s3_outposts;
#[cfg(feature = "s3_tables")]
#[rustfmt::skip]
pub mod s3_tables;
#[cfg(feature = "s3_vectors")]
#[rustfmt::skip]
pub mod s3_vectors;
#[cfg(feature = "sage_maker")]
#[rustfmt::skip]
pub mod sage_maker;
#[cfg(feature = "scheduler")]
#[rustfmt::skip]
pub mod scheduler;
#[cfg(feature = "scn")]
#[rustfmt::skip]
pub mod scn;
#[cfg(feature = "sdb")]
#[rustfmt::skip]
pub mod sdb;
#[cfg(feature = "secrets_manager")]
#[rustfmt::skip]
pub mod secrets_manager;
#[cfg(feature = "security_agent")]
#[rustfmt::skip]
pub mod security_agent;
#[cfg(feature = "security_hub")]
#[rustfmt::skip]
pub mod security_hub;
#[cfg(feature = "security_lake")]
#[rustfmt::skip]
pub mod security_lake;
#[cfg(feature = "serverless_repo")]
#[rustfmt::skip]
pub mod serverless_repo;
#[cfg(feature = "service_catalog")]
#[rustfmt::skip]
pub mod service_catalog;
#[cfg(feature = "service_catalog_app_registry")]
#[rustfmt::skip]
pub mod service_catalog_app_registry;
#[cfg(feature = "service_discovery")]
#[rustfmt::skip]
pub mod service_discovery;
#[cfg(feature = "ses")]
#[rustfmt::skip]
pub mod ses;
#[cfg(feature = "shield")]
#[rustfmt::skip]
pub mod shield;
#[cfg(feature = "signer")]
#[rustfmt::skip]
pub mod signer;
#[cfg(feature = "sim_space_weaver")]
#[rustfmt::skip]
pub mod sim_space_weaver;
#[cfg(feature = "smsvoice")]
#[rustfmt::skip]
pub mod smsvoice;
#[cfg(feature = "sns")]
#[rustfmt::skip]
pub mod sns;
#[cfg(feature = "sqs")]
#[rustfmt::skip]
pub mod sqs;
#[cfg(feature = "ssm")]
#[rustfmt::skip]
pub mod ssm;
#[cfg(feature = "ssm_contacts")]
#[rustfmt::skip]
pub mod ssm_contacts;
#[cfg(feature = "ssm_gui_connect")]
#[rustfmt::skip]
pub mod ssm_gui_connect;
#[cfg(feature = "ssm_incidents")]
#[rustfmt::skip]
pub mod ssm_incidents;
#[cfg(feature = "ssm_quick_setup")]
#[rustfmt::skip]
pub mod ssm_quick_setup;
#[cfg(feature = "sso")]
#[rustfmt::skip]
pub mod sso;
#[cfg(feature = "step_functions")]
#[rustfmt::skip]
pub mod step_functions;
#[cfg(feature = "storage_gateway")]
#[rustfmt::skip]
pub mod storage_gateway;
#[cfg(feature = "support_app")]
#[rustfmt::skip]
pub mod support_app;
#[cfg(feature = "support_auth_z")]
#[rustfmt::skip]
pub mod support_auth_z;
#[cfg(feature = "synthetics")]
#[rustfmt::skip]
pub mod synthetics;
#[cfg(feature = "systems_manager_sap")]
#[rustfmt::skip]
pub mod systems_manager_sap;
#[cfg(feature = "textract")]
#[rustfmt::skip]
pub mod textract;
#[cfg(feature = "timestream")]
#[rustfmt::skip]
pub mod timestream;
#[cfg(feature = "transcribe")]
#[rustfmt::skip]
pub mod transcribe;
#[cfg(feature = "transfer")]
#[rustfmt::skip]
pub mod transfer;
#[cfg(feature = "translate")]
#[rustfmt::skip]
pub mod translate;
#[cfg(feature = "uxc")]
#[rustfmt::skip]
pub mod uxc;
#[cfg(feature = "verified_permissions")]
#[rustfmt::skip]
pub mod verified_permissions;
#[cfg(feature = "voice_id")]
#[rustfmt::skip]
pub mod voice_id;
#[cfg(feature = "vpc_lattice")]
#[rustfmt::skip]
pub mod vpc_lattice;
#[cfg(feature = "wa_fv2")]
#[rustfmt::skip]
pub mod wa_fv2;
#[cfg(feature = "waf")]
#[rustfmt::skip]
pub mod waf;
#[cfg(feature = "waf_regional")]
#[rustfmt::skip]
pub mod waf_regional;
#[cfg(feature = "well_architected")]
#[rustfmt::skip]
pub mod well_architected;
#[cfg(feature = "wickr")]
#[rustfmt::skip]
pub mod wickr;
#[cfg(feature = "wisdom")]
#[rustfmt::skip]
pub mod wisdom;
#[cfg(feature = "work_spaces")]
#[rustfmt::skip]
pub mod work_spaces;
#[cfg(feature = "work_spaces_thin_client")]
#[rustfmt::skip]
pub mod work_spaces_thin_client;
#[cfg(feature = "work_spaces_web")]
#[rustfmt::skip]
pub mod work_spaces_web;
#[cfg(feature = "workspaces_instances")]
#[rustfmt::skip]
pub mod workspaces_instances;
#[cfg(feature = "x_ray")]
#[rustfmt::skip]
pub mod x_ray;

/// Every generated resource type whose service is compiled in, sorted by name.
pub static RESOURCE_TYPES: &[&rcdk_core::ResourceType] = &[
    #[cfg(feature = "acmpca")]
    acmpca::CfnCertificate::TYPE,
    #[cfg(feature = "acmpca")]
    acmpca::CfnCertificateAuthority::TYPE,
    #[cfg(feature = "acmpca")]
    acmpca::CfnCertificateAuthorityActivation::TYPE,
    #[cfg(feature = "acmpca")]
    acmpca::CfnPermission::TYPE,
    #[cfg(feature = "ai_ops")]
    ai_ops::CfnInvestigationGroup::TYPE,
    #[cfg(feature = "aps")]
    aps::CfnAnomalyDetector::TYPE,
    #[cfg(feature = "aps")]
    aps::CfnResourcePolicy::TYPE,
    #[cfg(feature = "aps")]
    aps::CfnRuleGroupsNamespace::TYPE,
    #[cfg(feature = "aps")]
    aps::CfnScraper::TYPE,
    #[cfg(feature = "aps")]
    aps::CfnWorkspace::TYPE,
    #[cfg(feature = "arc_region_switch")]
    arc_region_switch::CfnPlan::TYPE,
    #[cfg(feature = "arc_zonal_shift")]
    arc_zonal_shift::CfnAutoshiftObserverNotificationStatus::TYPE,
    #[cfg(feature = "arc_zonal_shift")]
    arc_zonal_shift::CfnZonalAutoshiftConfiguration::TYPE,
    #[cfg(feature = "aws_external_anthropic")]
    aws_external_anthropic::CfnWorkspace::TYPE,
    #[cfg(feature = "access_analyzer")]
    access_analyzer::CfnAnalyzer::TYPE,
    #[cfg(feature = "access_analyzer")]
    access_analyzer::CfnArchiveRule::TYPE,
    #[cfg(feature = "account_access")]
    account_access::CfnApplication::TYPE,
    #[cfg(feature = "account_access")]
    account_access::CfnEntitlement::TYPE,
    #[cfg(feature = "agent_registry")]
    agent_registry::CfnRegistry::TYPE,
    #[cfg(feature = "agent_registry")]
    agent_registry::CfnRegistryRecord::TYPE,
    #[cfg(feature = "amazon_mq")]
    amazon_mq::CfnBroker::TYPE,
    #[cfg(feature = "amazon_mq")]
    amazon_mq::CfnConfiguration::TYPE,
    #[cfg(feature = "amazon_mq")]
    amazon_mq::CfnConfigurationAssociation::TYPE,
    #[cfg(feature = "amplify")]
    amplify::CfnApp::TYPE,
    #[cfg(feature = "amplify")]
    amplify::CfnBranch::TYPE,
    #[cfg(feature = "amplify")]
    amplify::CfnDomain::TYPE,
    #[cfg(feature = "amplify")]
    amplify::CfnWebhook::TYPE,
    #[cfg(feature = "amplify_ui_builder")]
    amplify_ui_builder::CfnComponent::TYPE,
    #[cfg(feature = "amplify_ui_builder")]
    amplify_ui_builder::CfnForm::TYPE,
    #[cfg(feature = "amplify_ui_builder")]
    amplify_ui_builder::CfnTheme::TYPE,
    #[cfg(feature = "api_gateway")]
    api_gateway::CfnAccount::TYPE,
    #[cfg(feature = "api_gateway")]
    api_gateway::CfnApiKey::TYPE,
    #[cfg(feature = "api_gateway")]
    api_gateway::CfnAuthorizer::TYPE,
    #[cfg(feature = "api_gateway")]
    api_gateway::CfnBasePathMapping::TYPE,
    #[cfg(feature = "api_gateway")]
    api_gateway::CfnBasePathMappingV2::TYPE,
    #[cfg(feature = "api_gateway")]
    api_gateway::CfnClientCertificate::TYPE,
    #[cfg(feature = "api_gateway")]
    api_gateway::CfnDeployment::TYPE,
    #[cfg(feature = "api_gateway")]
    api_gateway::CfnDocumentationPart::TYPE,
    #[cfg(feature = "api_gateway")]
    api_gateway::CfnDocumentationVersion::TYPE,
    #[cfg(feature = "api_gateway")]
    api_gateway::CfnDomainName::TYPE,
    #[cfg(feature = "api_gateway")]
    api_gateway::CfnDomainNameAccessAssociation::TYPE,
    #[cfg(feature = "api_gateway")]
    api_gateway::CfnDomainNameV2::TYPE,
    #[cfg(feature = "api_gateway")]
    api_gateway::CfnGatewayResponse::TYPE,
    #[cfg(feature = "api_gateway")]
    api_gateway::CfnMethod::TYPE,
    #[cfg(feature = "api_gateway")]
    api_gateway::CfnModel::TYPE,
    #[cfg(feature = "api_gateway")]
    api_gateway::CfnRequestValidator::TYPE,
    #[cfg(feature = "api_gateway")]
    api_gateway::CfnResource::TYPE,
    #[cfg(feature = "api_gateway")]
    api_gateway::CfnRestApi::TYPE,
    #[cfg(feature = "api_gateway")]
    api_gateway::CfnStage::TYPE,
    #[cfg(feature = "api_gateway")]
    api_gateway::CfnUsagePlan::TYPE,
    #[cfg(feature = "api_gateway")]
    api_gateway::CfnUsagePlanKey::TYPE,
    #[cfg(feature = "api_gateway")]
    api_gateway::CfnVpcLink::TYPE,
    #[cfg(feature = "api_gateway_v2")]
    api_gateway_v2::CfnApi::TYPE,
    #[cfg(feature = "api_gateway_v2")]
    api_gateway_v2::CfnApiGatewayManagedOverrides::TYPE,
    #[cfg(feature = "api_gateway_v2")]
    api_gateway_v2::CfnApiMapping::TYPE,
    #[cfg(feature = "api_gateway_v2")]
    api_gateway_v2::CfnAuthorizer::TYPE,
    #[cfg(feature = "api_gateway_v2")]
    api_gateway_v2::CfnDeployment::TYPE,
    #[cfg(feature = "api_gateway_v2")]
    api_gateway_v2::CfnDomainName::TYPE,
    #[cfg(feature = "api_gateway_v2")]
    api_gateway_v2::CfnIntegration::TYPE,
    #[cfg(feature = "api_gateway_v2")]
    api_gateway_v2::CfnIntegrationResponse::TYPE,
    #[cfg(feature = "api_gateway_v2")]
    api_gateway_v2::CfnModel::TYPE,
    #[cfg(feature = "api_gateway_v2")]
    api_gateway_v2::CfnPortalProduct::TYPE,
    #[cfg(feature = "api_gateway_v2")]
    api_gateway_v2::CfnRoute::TYPE,
    #[cfg(feature = "api_gateway_v2")]
    api_gateway_v2::CfnRouteResponse::TYPE,
    #[cfg(feature = "api_gateway_v2")]
    api_gateway_v2::CfnRoutingRule::TYPE,
    #[cfg(feature = "api_gateway_v2")]
    api_gateway_v2::CfnStage::TYPE,
    #[cfg(feature = "api_gateway_v2")]
    api_gateway_v2::CfnVpcLink::TYPE,
    #[cfg(feature = "app_config")]
    app_config::CfnApplication::TYPE,
    #[cfg(feature = "app_config")]
    app_config::CfnConfigurationProfile::TYPE,
    #[cfg(feature = "app_config")]
    app_config::CfnDeployment::TYPE,
    #[cfg(feature = "app_config")]
    app_config::CfnDeploymentStrategy::TYPE,
    #[cfg(feature = "app_config")]
    app_config::CfnEnvironment::TYPE,
    #[cfg(feature = "app_config")]
    app_config::CfnExperimentDefinition::TYPE,
    #[cfg(feature = "app_config")]
    app_config::CfnExperimentRun::TYPE,
    #[cfg(feature = "app_config")]
    app_config::CfnExtension::TYPE,
    #[cfg(feature = "app_config")]
    app_config::CfnExtensionAssociation::TYPE,
    #[cfg(feature = "app_config")]
    app_config::CfnHostedConfigurationVersion::TYPE,
    #[cfg(feature = "app_fabric")]
    app_fabric::CfnAppAuthorization::TYPE,
    #[cfg(feature = "app_fabric")]
    app_fabric::CfnIngestionDestination::TYPE,
    #[cfg(feature = "app_flow")]
    app_flow::CfnConnector::TYPE,
    #[cfg(feature = "app_flow")]
    app_flow::CfnConnectorProfile::TYPE,
    #[cfg(feature = "app_flow")]
    app_flow::CfnFlow::TYPE,
    #[cfg(feature = "app_integrations")]
    app_integrations::CfnApplication::TYPE,
    #[cfg(feature = "app_integrations")]
    app_integrations::CfnDataIntegration::TYPE,
    #[cfg(feature = "app_integrations")]
    app_integrations::CfnEventIntegration::TYPE,
    #[cfg(feature = "app_mesh")]
    app_mesh::CfnGatewayRoute::TYPE,
    #[cfg(feature = "app_mesh")]
    app_mesh::CfnMesh::TYPE,
    #[cfg(feature = "app_mesh")]
    app_mesh::CfnRoute::TYPE,
    #[cfg(feature = "app_mesh")]
    app_mesh::CfnVirtualGateway::TYPE,
    #[cfg(feature = "app_mesh")]
    app_mesh::CfnVirtualNode::TYPE,
    #[cfg(feature = "app_mesh")]
    app_mesh::CfnVirtualRouter::TYPE,
    #[cfg(feature = "app_mesh")]
    app_mesh::CfnVirtualService::TYPE,
    #[cfg(feature = "app_runner")]
    app_runner::CfnAutoScalingConfiguration::TYPE,
    #[cfg(feature = "app_runner")]
    app_runner::CfnObservabilityConfiguration::TYPE,
    #[cfg(feature = "app_runner")]
    app_runner::CfnService::TYPE,
    #[cfg(feature = "app_runner")]
    app_runner::CfnVpcConnector::TYPE,
    #[cfg(feature = "app_runner")]
    app_runner::CfnVpcIngressConnection::TYPE,
    #[cfg(feature = "app_stream")]
    app_stream::CfnAppBlock::TYPE,
    #[cfg(feature = "app_stream")]
    app_stream::CfnAppBlockBuilder::TYPE,
    #[cfg(feature = "app_stream")]
    app_stream::CfnApplication::TYPE,
    #[cfg(feature = "app_stream")]
    app_stream::CfnApplicationEntitlementAssociation::TYPE,
    #[cfg(feature = "app_stream")]
    app_stream::CfnApplicationFleetAssociation::TYPE,
    #[cfg(feature = "app_stream")]
    app_stream::CfnDirectoryConfig::TYPE,
    #[cfg(feature = "app_stream")]
    app_stream::CfnEntitlement::TYPE,
    #[cfg(feature = "app_stream")]
    app_stream::CfnFleet::TYPE,
    #[cfg(feature = "app_stream")]
    app_stream::CfnImageBuilder::TYPE,
    #[cfg(feature = "app_stream")]
    app_stream::CfnStack::TYPE,
    #[cfg(feature = "app_stream")]
    app_stream::CfnStackFleetAssociation::TYPE,
    #[cfg(feature = "app_stream")]
    app_stream::CfnStackUserAssociation::TYPE,
    #[cfg(feature = "app_stream")]
    app_stream::CfnUser::TYPE,
    #[cfg(feature = "app_sync")]
    app_sync::CfnApi::TYPE,
    #[cfg(feature = "app_sync")]
    app_sync::CfnApiCache::TYPE,
    #[cfg(feature = "app_sync")]
    app_sync::CfnApiKey::TYPE,
    #[cfg(feature = "app_sync")]
    app_sync::CfnChannelNamespace::TYPE,
    #[cfg(feature = "app_sync")]
    app_sync::CfnDataSource::TYPE,
    #[cfg(feature = "app_sync")]
    app_sync::CfnDomainName::TYPE,
    #[cfg(feature = "app_sync")]
    app_sync::CfnDomainNameApiAssociation::TYPE,
    #[cfg(feature = "app_sync")]
    app_sync::CfnFunctionConfiguration::TYPE,
    #[cfg(feature = "app_sync")]
    app_sync::CfnGraphQlApi::TYPE,
    #[cfg(feature = "app_sync")]
    app_sync::CfnGraphQlSchema::TYPE,
    #[cfg(feature = "app_sync")]
    app_sync::CfnResolver::TYPE,
    #[cfg(feature = "app_sync")]
    app_sync::CfnSourceApiAssociation::TYPE,
    #[cfg(feature = "app_sync")]
    app_sync::CfnType::TYPE,
    #[cfg(feature = "app_test")]
    app_test::CfnTestCase::TYPE,
    #[cfg(feature = "application_auto_scaling")]
    application_auto_scaling::CfnScalableTarget::TYPE,
    #[cfg(feature = "application_auto_scaling")]
    application_auto_scaling::CfnScalingPolicy::TYPE,
    #[cfg(feature = "application_insights")]
    application_insights::CfnApplication::TYPE,
    #[cfg(feature = "application_signals")]
    application_signals::CfnDiscovery::TYPE,
    #[cfg(feature = "application_signals")]
    application_signals::CfnGroupingConfiguration::TYPE,
    #[cfg(feature = "application_signals")]
    application_signals::CfnInstrumentationConfig::TYPE,
    #[cfg(feature = "application_signals")]
    application_signals::CfnServiceLevelObjective::TYPE,
    #[cfg(feature = "athena")]
    athena::CfnCapacityReservation::TYPE,
    #[cfg(feature = "athena")]
    athena::CfnDataCatalog::TYPE,
    #[cfg(feature = "athena")]
    athena::CfnNamedQuery::TYPE,
    #[cfg(feature = "athena")]
    athena::CfnPreparedStatement::TYPE,
    #[cfg(feature = "athena")]
    athena::CfnWorkGroup::TYPE,
    #[cfg(feature = "audit_manager")]
    audit_manager::CfnAssessment::TYPE,
    #[cfg(feature = "audit_manager")]
    audit_manager::CfnAssessmentFramework::TYPE,
    #[cfg(feature = "auto_scaling")]
    auto_scaling::CfnAutoScalingGroup::TYPE,
    #[cfg(feature = "auto_scaling")]
    auto_scaling::CfnLaunchConfiguration::TYPE,
    #[cfg(feature = "auto_scaling")]
    auto_scaling::CfnLifecycleHook::TYPE,
    #[cfg(feature = "auto_scaling")]
    auto_scaling::CfnScalingPolicy::TYPE,
    #[cfg(feature = "auto_scaling")]
    auto_scaling::CfnScheduledAction::TYPE,
    #[cfg(feature = "auto_scaling")]
    auto_scaling::CfnWarmPool::TYPE,
    #[cfg(feature = "auto_scaling_plans")]
    auto_scaling_plans::CfnScalingPlan::TYPE,
    #[cfg(feature = "b2bi")]
    b2bi::CfnCapability::TYPE,
    #[cfg(feature = "b2bi")]
    b2bi::CfnPartnership::TYPE,
    #[cfg(feature = "b2bi")]
    b2bi::CfnProfile::TYPE,
    #[cfg(feature = "b2bi")]
    b2bi::CfnTransformer::TYPE,
    #[cfg(feature = "bcm")]
    bcm::CfnDashboard::TYPE,
    #[cfg(feature = "bcm")]
    bcm::CfnScheduledReport::TYPE,
    #[cfg(feature = "bcm_data_exports")]
    bcm_data_exports::CfnExport::TYPE,
    #[cfg(feature = "backup")]
    backup::CfnBackupPlan::TYPE,
    #[cfg(feature = "backup")]
    backup::CfnBackupSelection::TYPE,
    #[cfg(feature = "backup")]
    backup::CfnBackupVault::TYPE,
    #[cfg(feature = "backup")]
    backup::CfnFramework::TYPE,
    #[cfg(feature = "backup")]
    backup::CfnLegalHold::TYPE,
    #[cfg(feature = "backup")]
    backup::CfnLogicallyAirGappedBackupVault::TYPE,
    #[cfg(feature = "backup")]
    backup::CfnReportPlan::TYPE,
    #[cfg(feature = "backup")]
    backup::CfnRestoreTestingPlan::TYPE,
    #[cfg(feature = "backup")]
    backup::CfnRestoreTestingSelection::TYPE,
    #[cfg(feature = "backup")]
    backup::CfnTieringConfiguration::TYPE,
    #[cfg(feature = "backup_gateway")]
    backup_gateway::CfnHypervisor::TYPE,
    #[cfg(feature = "batch")]
    batch::CfnComputeEnvironment::TYPE,
    #[cfg(feature = "batch")]
    batch::CfnConsumableResource::TYPE,
    #[cfg(feature = "batch")]
    batch::CfnJobDefinition::TYPE,
    #[cfg(feature = "batch")]
    batch::CfnJobQueue::TYPE,
    #[cfg(feature = "batch")]
    batch::CfnQuotaShare::TYPE,
    #[cfg(feature = "batch")]
    batch::CfnSchedulingPolicy::TYPE,
    #[cfg(feature = "batch")]
    batch::CfnServiceEnvironment::TYPE,
    #[cfg(feature = "bcm_pricing_calculator")]
    bcm_pricing_calculator::CfnBillEstimate::TYPE,
    #[cfg(feature = "bcm_pricing_calculator")]
    bcm_pricing_calculator::CfnBillScenario::TYPE,
    #[cfg(feature = "bcm_pricing_calculator")]
    bcm_pricing_calculator::CfnWorkloadEstimate::TYPE,
    #[cfg(feature = "bedrock")]
    bedrock::CfnAgent::TYPE,
    #[cfg(feature = "bedrock")]
    bedrock::CfnAgentAlias::TYPE,
    #[cfg(feature = "bedrock")]
    bedrock::CfnApplicationInferenceProfile::TYPE,
    #[cfg(feature = "bedrock")]
    bedrock::CfnAutomatedReasoningPolicy::TYPE,
    #[cfg(feature = "bedrock")]
    bedrock::CfnAutomatedReasoningPolicyVersion::TYPE,
    #[cfg(feature = "bedrock")]
    bedrock::CfnBlueprint::TYPE,
    #[cfg(feature = "bedrock")]
    bedrock::CfnDataAutomationLibrary::TYPE,
    #[cfg(feature = "bedrock")]
    bedrock::CfnDataAutomationProject::TYPE,
    #[cfg(feature = "bedrock")]
    bedrock::CfnDataSource::TYPE,
    #[cfg(feature = "bedrock")]
    bedrock::CfnEnforcedGuardrailConfiguration::TYPE,
    #[cfg(feature = "bedrock")]
    bedrock::CfnFlow::TYPE,
    #[cfg(feature = "bedrock")]
    bedrock::CfnFlowAlias::TYPE,
    #[cfg(feature = "bedrock")]
    bedrock::CfnFlowVersion::TYPE,
    #[cfg(feature = "bedrock")]
    bedrock::CfnGuardrail::TYPE,
    #[cfg(feature = "bedrock")]
    bedrock::CfnGuardrailVersion::TYPE,
    #[cfg(feature = "bedrock")]
    bedrock::CfnIntelligentPromptRouter::TYPE,
    #[cfg(feature = "bedrock")]
    bedrock::CfnKnowledgeBase::TYPE,
    #[cfg(feature = "bedrock")]
    bedrock::CfnKnowledgeBasePolicy::TYPE,
    #[cfg(feature = "bedrock")]
    bedrock::CfnPrompt::TYPE,
    #[cfg(feature = "bedrock")]
    bedrock::CfnPromptVersion::TYPE,
    #[cfg(feature = "bedrock")]
    bedrock::CfnResourcePolicy::TYPE,
    #[cfg(feature = "bedrock")]
    bedrock::CfnRetrievalInstruction::TYPE,
    #[cfg(feature = "bedrock")]
    bedrock::CfnSession::TYPE,
    #[cfg(feature = "bedrock_agent_core")]
    bedrock_agent_core::CfnApiKeyCredentialProvider::TYPE,
    #[cfg(feature = "bedrock_agent_core")]
    bedrock_agent_core::CfnBrowserCustom::TYPE,
    #[cfg(feature = "bedrock_agent_core")]
    bedrock_agent_core::CfnBrowserProfile::TYPE,
    #[cfg(feature = "bedrock_agent_core")]
    bedrock_agent_core::CfnCapacityProvider::TYPE,
    #[cfg(feature = "bedrock_agent_core")]
    bedrock_agent_core::CfnCodeInterpreterCustom::TYPE,
    #[cfg(feature = "bedrock_agent_core")]
    bedrock_agent_core::CfnConfigurationBundle::TYPE,
    #[cfg(feature = "bedrock_agent_core")]
    bedrock_agent_core::CfnConsentPortal::TYPE,
    #[cfg(feature = "bedrock_agent_core")]
    bedrock_agent_core::CfnDataset::TYPE,
    #[cfg(feature = "bedrock_agent_core")]
    bedrock_agent_core::CfnEvaluator::TYPE,
    #[cfg(feature = "bedrock_agent_core")]
    bedrock_agent_core::CfnGateway::TYPE,
    #[cfg(feature = "bedrock_agent_core")]
    bedrock_agent_core::CfnGatewayRateLimit::TYPE,
    #[cfg(feature = "bedrock_agent_core")]
    bedrock_agent_core::CfnGatewayRule::TYPE,
    #[cfg(feature = "bedrock_agent_core")]
    bedrock_agent_core::CfnGatewayTarget::TYPE,
    #[cfg(feature = "bedrock_agent_core")]
    bedrock_agent_core::CfnHarness::TYPE,
    #[cfg(feature = "bedrock_agent_core")]
    bedrock_agent_core::CfnHarnessEndpoint::TYPE,
    #[cfg(feature = "bedrock_agent_core")]
    bedrock_agent_core::CfnMemory::TYPE,
    #[cfg(feature = "bedrock_agent_core")]
    bedrock_agent_core::CfnOAuth2CredentialProvider::TYPE,
    #[cfg(feature = "bedrock_agent_core")]
    bedrock_agent_core::CfnOnlineEvaluationConfig::TYPE,
    #[cfg(feature = "bedrock_agent_core")]
    bedrock_agent_core::CfnPaymentConnector::TYPE,
    #[cfg(feature = "bedrock_agent_core")]
    bedrock_agent_core::CfnPaymentCredentialProvider::TYPE,
    #[cfg(feature = "bedrock_agent_core")]
    bedrock_agent_core::CfnPaymentManager::TYPE,
    #[cfg(feature = "bedrock_agent_core")]
    bedrock_agent_core::CfnPolicy::TYPE,
    #[cfg(feature = "bedrock_agent_core")]
    bedrock_agent_core::CfnPolicyEngine::TYPE,
    #[cfg(feature = "bedrock_agent_core")]
    bedrock_agent_core::CfnResourcePolicy::TYPE,
    #[cfg(feature = "bedrock_agent_core")]
    bedrock_agent_core::CfnRuntime::TYPE,
    #[cfg(feature = "bedrock_agent_core")]
    bedrock_agent_core::CfnRuntimeEndpoint::TYPE,
    #[cfg(feature = "bedrock_agent_core")]
    bedrock_agent_core::CfnWorkloadIdentity::TYPE,
    #[cfg(feature = "bedrock_mantle")]
    bedrock_mantle::CfnProject::TYPE,
    #[cfg(feature = "billing")]
    billing::CfnBillingView::TYPE,
    #[cfg(feature = "billing_conductor")]
    billing_conductor::CfnBillingGroup::TYPE,
    #[cfg(feature = "billing_conductor")]
    billing_conductor::CfnCustomLineItem::TYPE,
    #[cfg(feature = "billing_conductor")]
    billing_conductor::CfnPricingPlan::TYPE,
    #[cfg(feature = "billing_conductor")]
    billing_conductor::CfnPricingRule::TYPE,
    #[cfg(feature = "braket")]
    braket::CfnSpendingLimit::TYPE,
    #[cfg(feature = "budgets")]
    budgets::CfnBudget::TYPE,
    #[cfg(feature = "budgets")]
    budgets::CfnBudgetsAction::TYPE,
    #[cfg(feature = "cdk")]
    cdk::CfnMetadata::TYPE,
    #[cfg(feature = "ce")]
    ce::CfnAnomalyMonitor::TYPE,
    #[cfg(feature = "ce")]
    ce::CfnAnomalySubscription::TYPE,
    #[cfg(feature = "ce")]
    ce::CfnCostCategory::TYPE,
    #[cfg(feature = "cur")]
    cur::CfnReportDefinition::TYPE,
    #[cfg(feature = "cases")]
    cases::CfnCase::TYPE,
    #[cfg(feature = "cases")]
    cases::CfnCaseRule::TYPE,
    #[cfg(feature = "cases")]
    cases::CfnDomain::TYPE,
    #[cfg(feature = "cases")]
    cases::CfnField::TYPE,
    #[cfg(feature = "cases")]
    cases::CfnLayout::TYPE,
    #[cfg(feature = "cases")]
    cases::CfnRelatedItem::TYPE,
    #[cfg(feature = "cases")]
    cases::CfnTemplate::TYPE,
    #[cfg(feature = "cassandra")]
    cassandra::CfnKeyspace::TYPE,
    #[cfg(feature = "cassandra")]
    cassandra::CfnTable::TYPE,
    #[cfg(feature = "cassandra")]
    cassandra::CfnType::TYPE,
    #[cfg(feature = "certificate_manager")]
    certificate_manager::CfnAccount::TYPE,
    #[cfg(feature = "certificate_manager")]
    certificate_manager::CfnAcmeDomainValidation::TYPE,
    #[cfg(feature = "certificate_manager")]
    certificate_manager::CfnAcmeEndpoint::TYPE,
    #[cfg(feature = "certificate_manager")]
    certificate_manager::CfnAcmeExternalAccountBinding::TYPE,
    #[cfg(feature = "certificate_manager")]
    certificate_manager::CfnCertificate::TYPE,
    #[cfg(feature = "chatbot")]
    chatbot::CfnCustomAction::TYPE,
    #[cfg(feature = "chatbot")]
    chatbot::CfnMicrosoftTeamsChannelConfiguration::TYPE,
    #[cfg(feature = "chatbot")]
    chatbot::CfnSlackChannelConfiguration::TYPE,
    #[cfg(feature = "chime")]
    chime::CfnAppInstance::TYPE,
    #[cfg(feature = "chime")]
    chime::CfnAppInstanceBot::TYPE,
    #[cfg(feature = "chime")]
    chime::CfnAppInstanceUser::TYPE,
    #[cfg(feature = "chime")]
    chime::CfnChannel::TYPE,
    #[cfg(feature = "chime")]
    chime::CfnChannelFlow::TYPE,
    #[cfg(feature = "chime")]
    chime::CfnMediaInsightsPipelineConfiguration::TYPE,
    #[cfg(feature = "chime")]
    chime::CfnMediaPipelineKinesisVideoStreamPool::TYPE,
    #[cfg(feature = "chime")]
    chime::CfnSipMediaApplication::TYPE,
    #[cfg(feature = "chime")]
    chime::CfnVoiceConnector::TYPE,
    #[cfg(feature = "clean_rooms")]
    clean_rooms::CfnAnalysisTemplate::TYPE,
    #[cfg(feature = "clean_rooms")]
    clean_rooms::CfnCollaboration::TYPE,
    #[cfg(feature = "clean_rooms")]
    clean_rooms::CfnConfiguredTable::TYPE,
    #[cfg(feature = "clean_rooms")]
    clean_rooms::CfnConfiguredTableAssociation::TYPE,
    #[cfg(feature = "clean_rooms")]
    clean_rooms::CfnIdMappingTable::TYPE,
    #[cfg(feature = "clean_rooms")]
    clean_rooms::CfnIdNamespaceAssociation::TYPE,
    #[cfg(feature = "clean_rooms")]
    clean_rooms::CfnIntermediateTable::TYPE,
    #[cfg(feature = "clean_rooms")]
    clean_rooms::CfnMembership::TYPE,
    #[cfg(feature = "clean_rooms")]
    clean_rooms::CfnPrivacyBudgetTemplate::TYPE,
    #[cfg(feature = "clean_rooms_ml")]
    clean_rooms_ml::CfnConfiguredModelAlgorithm::TYPE,
    #[cfg(feature = "clean_rooms_ml")]
    clean_rooms_ml::CfnConfiguredModelAlgorithmAssociation::TYPE,
    #[cfg(feature = "clean_rooms_ml")]
    clean_rooms_ml::CfnTrainingDataset::TYPE,
    #[cfg(feature = "cloud9")]
    cloud9::CfnEnvironmentEc2::TYPE,
    #[cfg(feature = "cloud_formation")]
    cloud_formation::CfnChangeSet::TYPE,
    #[cfg(feature = "cloud_formation")]
    cloud_formation::CfnCustomResource::TYPE,
    #[cfg(feature = "cloud_formation")]
    cloud_formation::CfnGeneratedTemplate::TYPE,
    #[cfg(feature = "cloud_formation")]
    cloud_formation::CfnGuardHook::TYPE,
    #[cfg(feature = "cloud_formation")]
    cloud_formation::CfnHookDefaultVersion::TYPE,
    #[cfg(feature = "cloud_formation")]
    cloud_formation::CfnHookTypeConfig::TYPE,
    #[cfg(feature = "cloud_formation")]
    cloud_formation::CfnHookVersion::TYPE,
    #[cfg(feature = "cloud_formation")]
    cloud_formation::CfnLambdaHook::TYPE,
    #[cfg(feature = "cloud_formation")]
    cloud_formation::CfnMacro::TYPE,
    #[cfg(feature = "cloud_formation")]
    cloud_formation::CfnModuleDefaultVersion::TYPE,
    #[cfg(feature = "cloud_formation")]
    cloud_formation::CfnModuleVersion::TYPE,
    #[cfg(feature = "cloud_formation")]
    cloud_formation::CfnPublicTypeVersion::TYPE,
    #[cfg(feature = "cloud_formation")]
    cloud_formation::CfnPublisher::TYPE,
    #[cfg(feature = "cloud_formation")]
    cloud_formation::CfnResourceDefaultVersion::TYPE,
    #[cfg(feature = "cloud_formation")]
    cloud_formation::CfnResourceVersion::TYPE,
    #[cfg(feature = "cloud_formation")]
    cloud_formation::CfnStack::TYPE,
    #[cfg(feature = "cloud_formation")]
    cloud_formation::CfnStackSet::TYPE,
    #[cfg(feature = "cloud_formation")]
    cloud_formation::CfnTypeActivation::TYPE,
    #[cfg(feature = "cloud_formation")]
    cloud_formation::CfnWaitCondition::TYPE,
    #[cfg(feature = "cloud_formation")]
    cloud_formation::CfnWaitConditionHandle::TYPE,
    #[cfg(feature = "cloud_front")]
    cloud_front::CfnAnycastIpList::TYPE,
    #[cfg(feature = "cloud_front")]
    cloud_front::CfnCachePolicy::TYPE,
    #[cfg(feature = "cloud_front")]
    cloud_front::CfnCloudFrontOriginAccessIdentity::TYPE,
    #[cfg(feature = "cloud_front")]
    cloud_front::CfnConnectionFunction::TYPE,
    #[cfg(feature = "cloud_front")]
    cloud_front::CfnConnectionGroup::TYPE,
    #[cfg(feature = "cloud_front")]
    cloud_front::CfnContinuousDeploymentPolicy::TYPE,
    #[cfg(feature = "cloud_front")]
    cloud_front::CfnDistribution::TYPE,
    #[cfg(feature = "cloud_front")]
    cloud_front::CfnDistributionTenant::TYPE,
    #[cfg(feature = "cloud_front")]
    cloud_front::CfnFieldLevelEncryptionConfig::TYPE,
    #[cfg(feature = "cloud_front")]
    cloud_front::CfnFieldLevelEncryptionProfile::TYPE,
    #[cfg(feature = "cloud_front")]
    cloud_front::CfnFunction::TYPE,
    #[cfg(feature = "cloud_front")]
    cloud_front::CfnKeyGroup::TYPE,
    #[cfg(feature = "cloud_front")]
    cloud_front::CfnKeyValueStore::TYPE,
    #[cfg(feature = "cloud_front")]
    cloud_front::CfnMonitoringSubscription::TYPE,
    #[cfg(feature = "cloud_front")]
    cloud_front::CfnOriginAccessControl::TYPE,
    #[cfg(feature = "cloud_front")]
    cloud_front::CfnOriginRequestPolicy::TYPE,
    #[cfg(feature = "cloud_front")]
    cloud_front::CfnPublicKey::TYPE,
    #[cfg(feature = "cloud_front")]
    cloud_front::CfnRealtimeLogConfig::TYPE,
    #[cfg(feature = "cloud_front")]
    cloud_front::CfnResponseHeadersPolicy::TYPE,
    #[cfg(feature = "cloud_front")]
    cloud_front::CfnStreamingDistribution::TYPE,
    #[cfg(feature = "cloud_front")]
    cloud_front::CfnTrustStore::TYPE,
    #[cfg(feature = "cloud_front")]
    cloud_front::CfnVpcOrigin::TYPE,
    #[cfg(feature = "cloud_hsm")]
    cloud_hsm::CfnCluster::TYPE,
    #[cfg(feature = "cloud_trail")]
    cloud_trail::CfnChannel::TYPE,
    #[cfg(feature = "cloud_trail")]
    cloud_trail::CfnDashboard::TYPE,
    #[cfg(feature = "cloud_trail")]
    cloud_trail::CfnEventDataStore::TYPE,
    #[cfg(feature = "cloud_trail")]
    cloud_trail::CfnResourcePolicy::TYPE,
    #[cfg(feature = "cloud_trail")]
    cloud_trail::CfnTrail::TYPE,
    #[cfg(feature = "cloud_watch")]
    cloud_watch::CfnAlarm::TYPE,
    #[cfg(feature = "cloud_watch")]
    cloud_watch::CfnAlarmMuteRule::TYPE,
    #[cfg(feature = "cloud_watch")]
    cloud_watch::CfnAnomalyDetector::TYPE,
    #[cfg(feature = "cloud_watch")]
    cloud_watch::CfnCompositeAlarm::TYPE,
    #[cfg(feature = "cloud_watch")]
    cloud_watch::CfnDashboard::TYPE,
    #[cfg(feature = "cloud_watch")]
    cloud_watch::CfnInsightRule::TYPE,
    #[cfg(feature = "cloud_watch")]
    cloud_watch::CfnIntegration::TYPE,
    #[cfg(feature = "cloud_watch")]
    cloud_watch::CfnLogAlarm::TYPE,
    #[cfg(feature = "cloud_watch")]
    cloud_watch::CfnMetricStream::TYPE,
    #[cfg(feature = "cloud_watch")]
    cloud_watch::CfnOTelEnrichment::TYPE,
    #[cfg(feature = "cloud_watch")]
    cloud_watch::CfnResourceMetricsConfiguration::TYPE,
    #[cfg(feature = "cloud_watch")]
    cloud_watch::CfnView::TYPE,
    #[cfg(feature = "code_artifact")]
    code_artifact::CfnDomain::TYPE,
    #[cfg(feature = "code_artifact")]
    code_artifact::CfnPackageGroup::TYPE,
    #[cfg(feature = "code_artifact")]
    code_artifact::CfnRepository::TYPE,
    #[cfg(feature = "code_build")]
    code_build::CfnFleet::TYPE,
    #[cfg(feature = "code_build")]
    code_build::CfnProject::TYPE,
    #[cfg(feature = "code_build")]
    code_build::CfnReportGroup::TYPE,
    #[cfg(feature = "code_build")]
    code_build::CfnSourceCredential::TYPE,
    #[cfg(feature = "code_commit")]
    code_commit::CfnRepository::TYPE,
    #[cfg(feature = "code_connections")]
    code_connections::CfnConnection::TYPE,
    #[cfg(feature = "code_connections")]
    code_connections::CfnHost::TYPE,
    #[cfg(feature = "code_deploy")]
    code_deploy::CfnApplication::TYPE,
    #[cfg(feature = "code_deploy")]
    code_deploy::CfnDeploymentConfig::TYPE,
    #[cfg(feature = "code_deploy")]
    code_deploy::CfnDeploymentGroup::TYPE,
    #[cfg(feature = "code_guru_profiler")]
    code_guru_profiler::CfnProfilingGroup::TYPE,
    #[cfg(feature = "code_guru_reviewer")]
    code_guru_reviewer::CfnRepositoryAssociation::TYPE,
    #[cfg(feature = "code_pipeline")]
    code_pipeline::CfnCustomActionType::TYPE,
    #[cfg(feature = "code_pipeline")]
    code_pipeline::CfnPipeline::TYPE,
    #[cfg(feature = "code_pipeline")]
    code_pipeline::CfnWebhook::TYPE,
    #[cfg(feature = "code_star")]
    code_star::CfnGitHubRepository::TYPE,
    #[cfg(feature = "code_star_connections")]
    code_star_connections::CfnConnection::TYPE,
    #[cfg(feature = "code_star_connections")]
    code_star_connections::CfnRepositoryLink::TYPE,
    #[cfg(feature = "code_star_connections")]
    code_star_connections::CfnSyncConfiguration::TYPE,
    #[cfg(feature = "code_star_notifications")]
    code_star_notifications::CfnNotificationRule::TYPE,
    #[cfg(feature = "cognito")]
    cognito::CfnIdentityPool::TYPE,
    #[cfg(feature = "cognito")]
    cognito::CfnIdentityPoolPrincipalTag::TYPE,
    #[cfg(feature = "cognito")]
    cognito::CfnIdentityPoolRoleAttachment::TYPE,
    #[cfg(feature = "cognito")]
    cognito::CfnLogDeliveryConfiguration::TYPE,
    #[cfg(feature = "cognito")]
    cognito::CfnManagedLoginBranding::TYPE,
    #[cfg(feature = "cognito")]
    cognito::CfnTerms::TYPE,
    #[cfg(feature = "cognito")]
    cognito::CfnUserPool::TYPE,
    #[cfg(feature = "cognito")]
    cognito::CfnUserPoolClient::TYPE,
    #[cfg(feature = "cognito")]
    cognito::CfnUserPoolDomain::TYPE,
    #[cfg(feature = "cognito")]
    cognito::CfnUserPoolGroup::TYPE,
    #[cfg(feature = "cognito")]
    cognito::CfnUserPoolIdentityProvider::TYPE,
    #[cfg(feature = "cognito")]
    cognito::CfnUserPoolRegionalConfigurationAttachment::TYPE,
    #[cfg(feature = "cognito")]
    cognito::CfnUserPoolReplica::TYPE,
    #[cfg(feature = "cognito")]
    cognito::CfnUserPoolResourceServer::TYPE,
    #[cfg(feature = "cognito")]
    cognito::CfnUserPoolRiskConfigurationAttachment::TYPE,
    #[cfg(feature = "cognito")]
    cognito::CfnUserPoolUiCustomizationAttachment::TYPE,
    #[cfg(feature = "cognito")]
    cognito::CfnUserPoolUser::TYPE,
    #[cfg(feature = "cognito")]
    cognito::CfnUserPoolUserToGroupAttachment::TYPE,
    #[cfg(feature = "comprehend")]
    comprehend::CfnDocumentClassifier::TYPE,
    #[cfg(feature = "comprehend")]
    comprehend::CfnDocumentClassifierEndpoint::TYPE,
    #[cfg(feature = "comprehend")]
    comprehend::CfnEntityRecognizer::TYPE,
    #[cfg(feature = "comprehend")]
    comprehend::CfnEntityRecognizerEndpoint::TYPE,
    #[cfg(feature = "comprehend")]
    comprehend::CfnFlywheel::TYPE,
    #[cfg(feature = "compute_optimizer")]
    compute_optimizer::CfnAutomationRule::TYPE,
    #[cfg(feature = "config")]
    config::CfnAggregationAuthorization::TYPE,
    #[cfg(feature = "config")]
    config::CfnConfigRule::TYPE,
    #[cfg(feature = "config")]
    config::CfnConfigurationAggregator::TYPE,
    #[cfg(feature = "config")]
    config::CfnConfigurationRecorder::TYPE,
    #[cfg(feature = "config")]
    config::CfnConformancePack::TYPE,
    #[cfg(feature = "config")]
    config::CfnConnector::TYPE,
    #[cfg(feature = "config")]
    config::CfnDeliveryChannel::TYPE,
    #[cfg(feature = "config")]
    config::CfnOrganizationConfigRule::TYPE,
    #[cfg(feature = "config")]
    config::CfnOrganizationConformancePack::TYPE,
    #[cfg(feature = "config")]
    config::CfnRemediationConfiguration::TYPE,
    #[cfg(feature = "config")]
    config::CfnStoredQuery::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnAgentStatus::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnApprovedOrigin::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnContactFlow::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnContactFlowModule::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnContactFlowModuleAlias::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnContactFlowModuleVersion::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnContactFlowVersion::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnDataLakeAssociation::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnDataTable::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnDataTableAttribute::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnDataTableRecord::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnEmailAddress::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnEvaluationForm::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnHoursOfOperation::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnInstance::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnInstanceStorageConfig::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnIntegrationAssociation::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnMetric::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnNotification::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnPhoneNumber::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnPredefinedAttribute::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnPrompt::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnQueue::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnQuickConnect::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnRoutingProfile::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnRule::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnSecurityKey::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnSecurityProfile::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnTaskTemplate::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnTestCase::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnTrafficDistributionGroup::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnUseCase::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnUser::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnUserHierarchyGroup::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnUserHierarchyStructure::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnView::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnViewVersion::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnVocabulary::TYPE,
    #[cfg(feature = "connect")]
    connect::CfnWorkspace::TYPE,
    #[cfg(feature = "connect_campaigns")]
    connect_campaigns::CfnCampaign::TYPE,
    #[cfg(feature = "connect_campaigns_v2")]
    connect_campaigns_v2::CfnCampaign::TYPE,
    #[cfg(feature = "control_tower")]
    control_tower::CfnEnabledBaseline::TYPE,
    #[cfg(feature = "control_tower")]
    control_tower::CfnEnabledControl::TYPE,
    #[cfg(feature = "control_tower")]
    control_tower::CfnLandingZone::TYPE,
    #[cfg(feature = "customer_profiles")]
    customer_profiles::CfnCalculatedAttributeDefinition::TYPE,
    #[cfg(feature = "customer_profiles")]
    customer_profiles::CfnDomain::TYPE,
    #[cfg(feature = "customer_profiles")]
    customer_profiles::CfnDomainObjectType::TYPE,
    #[cfg(feature = "customer_profiles")]
    customer_profiles::CfnEventStream::TYPE,
    #[cfg(feature = "customer_profiles")]
    customer_profiles::CfnEventTrigger::TYPE,
    #[cfg(feature = "customer_profiles")]
    customer_profiles::CfnIntegration::TYPE,
    #[cfg(feature = "customer_profiles")]
    customer_profiles::CfnObjectType::TYPE,
    #[cfg(feature = "customer_profiles")]
    customer_profiles::CfnRecommender::TYPE,
    #[cfg(feature = "customer_profiles")]
    customer_profiles::CfnRecommenderFilter::TYPE,
    #[cfg(feature = "customer_profiles")]
    customer_profiles::CfnRecommenderSchema::TYPE,
    #[cfg(feature = "customer_profiles")]
    customer_profiles::CfnSegmentDefinition::TYPE,
    #[cfg(feature = "dax")]
    dax::CfnCluster::TYPE,
    #[cfg(feature = "dax")]
    dax::CfnParameterGroup::TYPE,
    #[cfg(feature = "dax")]
    dax::CfnSubnetGroup::TYPE,
    #[cfg(feature = "dlm")]
    dlm::CfnLifecyclePolicy::TYPE,
    #[cfg(feature = "dms")]
    dms::CfnCertificate::TYPE,
    #[cfg(feature = "dms")]
    dms::CfnDataMigration::TYPE,
    #[cfg(feature = "dms")]
    dms::CfnDataProvider::TYPE,
    #[cfg(feature = "dms")]
    dms::CfnEndpoint::TYPE,
    #[cfg(feature = "dms")]
    dms::CfnEventSubscription::TYPE,
    #[cfg(feature = "dms")]
    dms::CfnInstanceProfile::TYPE,
    #[cfg(feature = "dms")]
    dms::CfnMigrationProject::TYPE,
    #[cfg(feature = "dms")]
    dms::CfnReplicationConfig::TYPE,
    #[cfg(feature = "dms")]
    dms::CfnReplicationInstance::TYPE,
    #[cfg(feature = "dms")]
    dms::CfnReplicationSubnetGroup::TYPE,
    #[cfg(feature = "dms")]
    dms::CfnReplicationTask::TYPE,
    #[cfg(feature = "drs")]
    drs::CfnLaunchConfigurationTemplate::TYPE,
    #[cfg(feature = "drs")]
    drs::CfnRecoveryPlan::TYPE,
    #[cfg(feature = "drs")]
    drs::CfnReplicationConfigurationTemplate::TYPE,
    #[cfg(feature = "drs")]
    drs::CfnSourceNetwork::TYPE,
    #[cfg(feature = "dsql")]
    dsql::CfnCluster::TYPE,
    #[cfg(feature = "data_brew")]
    data_brew::CfnDataset::TYPE,
    #[cfg(feature = "data_brew")]
    data_brew::CfnJob::TYPE,
    #[cfg(feature = "data_brew")]
    data_brew::CfnProject::TYPE,
    #[cfg(feature = "data_brew")]
    data_brew::CfnRecipe::TYPE,
    #[cfg(feature = "data_brew")]
    data_brew::CfnRuleset::TYPE,
    #[cfg(feature = "data_brew")]
    data_brew::CfnSchedule::TYPE,
    #[cfg(feature = "data_exchange")]
    data_exchange::CfnDataSet::TYPE,
    #[cfg(feature = "data_exchange")]
    data_exchange::CfnEventAction::TYPE,
    #[cfg(feature = "data_pipeline")]
    data_pipeline::CfnPipeline::TYPE,
    #[cfg(feature = "data_sync")]
    data_sync::CfnAgent::TYPE,
    #[cfg(feature = "data_sync")]
    data_sync::CfnLocationAzureBlob::TYPE,
    #[cfg(feature = "data_sync")]
    data_sync::CfnLocationEfs::TYPE,
    #[cfg(feature = "data_sync")]
    data_sync::CfnLocationFSxLustre::TYPE,
    #[cfg(feature = "data_sync")]
    data_sync::CfnLocationFSxOntap::TYPE,
    #[cfg(feature = "data_sync")]
    data_sync::CfnLocationFSxOpenZfs::TYPE,
    #[cfg(feature = "data_sync")]
    data_sync::CfnLocationFSxWindows::TYPE,
    #[cfg(feature = "data_sync")]
    data_sync::CfnLocationHdfs::TYPE,
    #[cfg(feature = "data_sync")]
    data_sync::CfnLocationNfs::TYPE,
    #[cfg(feature = "data_sync")]
    data_sync::CfnLocationObjectStorage::TYPE,
    #[cfg(feature = "data_sync")]
    data_sync::CfnLocationS3::TYPE,
    #[cfg(feature = "data_sync")]
    data_sync::CfnLocationSmb::TYPE,
    #[cfg(feature = "data_sync")]
    data_sync::CfnTask::TYPE,
    #[cfg(feature = "data_zone")]
    data_zone::CfnConnection::TYPE,
    #[cfg(feature = "data_zone")]
    data_zone::CfnDataSource::TYPE,
    #[cfg(feature = "data_zone")]
    data_zone::CfnDomain::TYPE,
    #[cfg(feature = "data_zone")]
    data_zone::CfnDomainUnit::TYPE,
    #[cfg(feature = "data_zone")]
    data_zone::CfnEnvironment::TYPE,
    #[cfg(feature = "data_zone")]
    data_zone::CfnEnvironmentActions::TYPE,
    #[cfg(feature = "data_zone")]
    data_zone::CfnEnvironmentBlueprintConfiguration::TYPE,
    #[cfg(feature = "data_zone")]
    data_zone::CfnEnvironmentProfile::TYPE,
    #[cfg(feature = "data_zone")]
    data_zone::CfnFormType::TYPE,
    #[cfg(feature = "data_zone")]
    data_zone::CfnGroupProfile::TYPE,
    #[cfg(feature = "data_zone")]
    data_zone::CfnOwner::TYPE,
    #[cfg(feature = "data_zone")]
    data_zone::CfnPolicyGrant::TYPE,
    #[cfg(feature = "data_zone")]
    data_zone::CfnProject::TYPE,
    #[cfg(feature = "data_zone")]
    data_zone::CfnProjectMembership::TYPE,
    #[cfg(feature = "data_zone")]
    data_zone::CfnProjectProfile::TYPE,
    #[cfg(feature = "data_zone")]
    data_zone::CfnSubscriptionTarget::TYPE,
    #[cfg(feature = "data_zone")]
    data_zone::CfnUserProfile::TYPE,
    #[cfg(feature = "deadline")]
    deadline::CfnBudget::TYPE,
    #[cfg(feature = "deadline")]
    deadline::CfnFarm::TYPE,
    #[cfg(feature = "deadline")]
    deadline::CfnFleet::TYPE,
    #[cfg(feature = "deadline")]
    deadline::CfnLicenseEndpoint::TYPE,
    #[cfg(feature = "deadline")]
    deadline::CfnLimit::TYPE,
    #[cfg(feature = "deadline")]
    deadline::CfnMeteredProduct::TYPE,
    #[cfg(feature = "deadline")]
    deadline::CfnMonitor::TYPE,
    #[cfg(feature = "deadline")]
    deadline::CfnQueue::TYPE,
    #[cfg(feature = "deadline")]
    deadline::CfnQueueEnvironment::TYPE,
    #[cfg(feature = "deadline")]
    deadline::CfnQueueFleetAssociation::TYPE,
    #[cfg(feature = "deadline")]
    deadline::CfnQueueLimitAssociation::TYPE,
    #[cfg(feature = "deadline")]
    deadline::CfnStorageProfile::TYPE,
    #[cfg(feature = "deadline")]
    deadline::CfnWorker::TYPE,
    #[cfg(feature = "detective")]
    detective::CfnGraph::TYPE,
    #[cfg(feature = "detective")]
    detective::CfnMemberInvitation::TYPE,
    #[cfg(feature = "detective")]
    detective::CfnOrganizationAdmin::TYPE,
    #[cfg(feature = "dev_ops_agent")]
    dev_ops_agent::CfnAgentSpace::TYPE,
    #[cfg(feature = "dev_ops_agent")]
    dev_ops_agent::CfnAsset::TYPE,
    #[cfg(feature = "dev_ops_agent")]
    dev_ops_agent::CfnAssociation::TYPE,
    #[cfg(feature = "dev_ops_agent")]
    dev_ops_agent::CfnPrivateConnection::TYPE,
    #[cfg(feature = "dev_ops_agent")]
    dev_ops_agent::CfnService::TYPE,
    #[cfg(feature = "dev_ops_agent")]
    dev_ops_agent::CfnTrigger::TYPE,
    #[cfg(feature = "dev_ops_guru")]
    dev_ops_guru::CfnLogAnomalyDetectionIntegration::TYPE,
    #[cfg(feature = "dev_ops_guru")]
    dev_ops_guru::CfnNotificationChannel::TYPE,
    #[cfg(feature = "dev_ops_guru")]
    dev_ops_guru::CfnResourceCollection::TYPE,
    #[cfg(feature = "direct_connect")]
    direct_connect::CfnConnection::TYPE,
    #[cfg(feature = "direct_connect")]
    direct_connect::CfnDirectConnectGateway::TYPE,
    #[cfg(feature = "direct_connect")]
    direct_connect::CfnDirectConnectGatewayAssociation::TYPE,
    #[cfg(feature = "direct_connect")]
    direct_connect::CfnLag::TYPE,
    #[cfg(feature = "direct_connect")]
    direct_connect::CfnPrivateVirtualInterface::TYPE,
    #[cfg(feature = "direct_connect")]
    direct_connect::CfnPublicVirtualInterface::TYPE,
    #[cfg(feature = "direct_connect")]
    direct_connect::CfnTransitVirtualInterface::TYPE,
    #[cfg(feature = "directory_service")]
    directory_service::CfnMicrosoftAd::TYPE,
    #[cfg(feature = "directory_service")]
    directory_service::CfnSimpleAd::TYPE,
    #[cfg(feature = "doc_db")]
    doc_db::CfnDbCluster::TYPE,
    #[cfg(feature = "doc_db")]
    doc_db::CfnDbClusterParameterGroup::TYPE,
    #[cfg(feature = "doc_db")]
    doc_db::CfnDbInstance::TYPE,
    #[cfg(feature = "doc_db")]
    doc_db::CfnDbSubnetGroup::TYPE,
    #[cfg(feature = "doc_db")]
    doc_db::CfnEventSubscription::TYPE,
    #[cfg(feature = "doc_db")]
    doc_db::CfnGlobalCluster::TYPE,
    #[cfg(feature = "doc_db_elastic")]
    doc_db_elastic::CfnCluster::TYPE,
    #[cfg(feature = "doc_db_elastic")]
    doc_db_elastic::CfnClusterSnapshot::TYPE,
    #[cfg(feature = "dynamo_db")]
    dynamo_db::CfnGlobalTable::TYPE,
    #[cfg(feature = "dynamo_db")]
    dynamo_db::CfnTable::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnApplicationStatusCheck::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnCapacityManagerDataExport::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnCapacityReservation::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnCapacityReservationFleet::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnCarrierGateway::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnClientVpnAuthorizationRule::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnClientVpnEndpoint::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnClientVpnRoute::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnClientVpnTargetNetworkAssociation::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnCustomerGateway::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnDhcpOptions::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnEc2Fleet::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnEip::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnEipAssociation::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnEgressOnlyInternetGateway::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnEnclaveCertificateIamRoleAssociation::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnFlowLog::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnFpgaImage::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnGatewayRouteTableAssociation::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnHost::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnIpam::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnIpamAllocation::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnIpamPool::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnIpamPoolCidr::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnIpamPrefixListResolver::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnIpamPrefixListResolverTarget::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnIpamResourceDiscovery::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnIpamResourceDiscoveryAssociation::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnIpamScope::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnIPv4Pool::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnInstance::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnInstanceConnectEndpoint::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnInstanceEventWindow::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnInternetGateway::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnIpPoolRouteTableAssociation::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnIpamExternalResourceVerificationToken::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnIpamInternetRegistryAssociation::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnKeyPair::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnLaunchTemplate::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnLocalGatewayRoute::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnLocalGatewayRouteTable::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnLocalGatewayRouteTableVpcAssociation::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnLocalGatewayRouteTableVirtualInterfaceGroupAssociation::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnLocalGatewayVirtualInterface::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnLocalGatewayVirtualInterfaceGroup::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnNatGateway::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnNetworkAcl::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnNetworkAclEntry::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnNetworkInsightsAccessScope::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnNetworkInsightsAccessScopeAnalysis::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnNetworkInsightsAnalysis::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnNetworkInsightsPath::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnNetworkInterface::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnNetworkInterfaceAttachment::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnNetworkInterfacePermission::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnNetworkPerformanceMetricSubscription::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnPlacementGroup::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnPrefixList::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnRoute::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnRouteServer::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnRouteServerAssociation::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnRouteServerEndpoint::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnRouteServerPeer::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnRouteServerPropagation::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnRouteTable::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnSecondaryNetwork::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnSecurityGroup::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnSecurityGroupEgress::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnSecurityGroupIngress::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnSecurityGroupVpcAssociation::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnSnapshotBlockPublicAccess::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnSpotFleet::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnSqlHaStandbyDetectedInstance::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnSubnet::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnSubnetCidrBlock::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnSubnetCidrReservation::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnSubnetNetworkAclAssociation::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnSubnetRouteTableAssociation::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnTrafficMirrorFilter::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnTrafficMirrorFilterRule::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnTrafficMirrorSession::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnTrafficMirrorTarget::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnTransitGateway::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnTransitGatewayAttachment::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnTransitGatewayConnect::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnTransitGatewayConnectPeer::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnTransitGatewayMeteringPolicy::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnTransitGatewayMeteringPolicyEntry::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnTransitGatewayMulticastDomain::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnTransitGatewayMulticastDomainAssociation::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnTransitGatewayMulticastGroupMember::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnTransitGatewayMulticastGroupSource::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnTransitGatewayPeeringAttachment::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnTransitGatewayPolicyTable::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnTransitGatewayPolicyTableAssociation::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnTransitGatewayPolicyTableEntry::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnTransitGatewayRoute::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnTransitGatewayRouteTable::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnTransitGatewayRouteTableAssociation::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnTransitGatewayRouteTablePropagation::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnTransitGatewayVpcAttachment::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnVpc::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnVpcBlockPublicAccessExclusion::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnVpcBlockPublicAccessOptions::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnVpcCidrBlock::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnVpcdhcpOptionsAssociation::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnVpcEncryptionControl::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnVpcEndpoint::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnVpcEndpointConnectionNotification::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnVpcEndpointService::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnVpcEndpointServicePermissions::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnVpcGatewayAttachment::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnVpcPeeringConnection::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnVpnConcentrator::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnVpnConnection::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnVpnConnectionRoute::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnVpnGateway::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnVpnGatewayRoutePropagation::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnVerifiedAccessEndpoint::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnVerifiedAccessGroup::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnVerifiedAccessInstance::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnVerifiedAccessTrustProvider::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnVolume::TYPE,
    #[cfg(feature = "ec2")]
    ec2::CfnVolumeAttachment::TYPE,
    #[cfg(feature = "ecr")]
    ecr::CfnPublicRepository::TYPE,
    #[cfg(feature = "ecr")]
    ecr::CfnPullThroughCacheRule::TYPE,
    #[cfg(feature = "ecr")]
    ecr::CfnPullTimeUpdateExclusion::TYPE,
    #[cfg(feature = "ecr")]
    ecr::CfnRegistryPolicy::TYPE,
    #[cfg(feature = "ecr")]
    ecr::CfnRegistryScanningConfiguration::TYPE,
    #[cfg(feature = "ecr")]
    ecr::CfnReplicationConfiguration::TYPE,
    #[cfg(feature = "ecr")]
    ecr::CfnRepository::TYPE,
    #[cfg(feature = "ecr")]
    ecr::CfnRepositoryCreationTemplate::TYPE,
    #[cfg(feature = "ecr")]
    ecr::CfnSigningConfiguration::TYPE,
    #[cfg(feature = "ecs")]
    ecs::CfnCapacityProvider::TYPE,
    #[cfg(feature = "ecs")]
    ecs::CfnCluster::TYPE,
    #[cfg(feature = "ecs")]
    ecs::CfnClusterCapacityProviderAssociations::TYPE,
    #[cfg(feature = "ecs")]
    ecs::CfnDaemon::TYPE,
    #[cfg(feature = "ecs")]
    ecs::CfnDaemonTaskDefinition::TYPE,
    #[cfg(feature = "ecs")]
    ecs::CfnExpressGatewayService::TYPE,
    #[cfg(feature = "ecs")]
    ecs::CfnGateway::TYPE,
    #[cfg(feature = "ecs")]
    ecs::CfnGatewayClusterAssociations::TYPE,
    #[cfg(feature = "ecs")]
    ecs::CfnPrimaryTaskSet::TYPE,
    #[cfg(feature = "ecs")]
    ecs::CfnService::TYPE,
    #[cfg(feature = "ecs")]
    ecs::CfnTaskDefinition::TYPE,
    #[cfg(feature = "ecs")]
    ecs::CfnTaskSet::TYPE,
    #[cfg(feature = "efs")]
    efs::CfnAccessPoint::TYPE,
    #[cfg(feature = "efs")]
    efs::CfnFileSystem::TYPE,
    #[cfg(feature = "efs")]
    efs::CfnMountTarget::TYPE,
    #[cfg(feature = "eks")]
    eks::CfnAccessEntry::TYPE,
    #[cfg(feature = "eks")]
    eks::CfnAddon::TYPE,
    #[cfg(feature = "eks")]
    eks::CfnCapability::TYPE,
    #[cfg(feature = "eks")]
    eks::CfnCertificateAuthority::TYPE,
    #[cfg(feature = "eks")]
    eks::CfnCluster::TYPE,
    #[cfg(feature = "eks")]
    eks::CfnFargateProfile::TYPE,
    #[cfg(feature = "eks")]
    eks::CfnIdentityProviderConfig::TYPE,
    #[cfg(feature = "eks")]
    eks::CfnNodegroup::TYPE,
    #[cfg(feature = "eks")]
    eks::CfnPodIdentityAssociation::TYPE,
    #[cfg(feature = "emr")]
    emr::CfnCluster::TYPE,
    #[cfg(feature = "emr")]
    emr::CfnInstanceFleetConfig::TYPE,
    #[cfg(feature = "emr")]
    emr::CfnInstanceGroupConfig::TYPE,
    #[cfg(feature = "emr")]
    emr::CfnSecurityConfiguration::TYPE,
    #[cfg(feature = "emr")]
    emr::CfnStep::TYPE,
    #[cfg(feature = "emr")]
    emr::CfnStudio::TYPE,
    #[cfg(feature = "emr")]
    emr::CfnStudioSessionMapping::TYPE,
    #[cfg(feature = "emr")]
    emr::CfnWalWorkspace::TYPE,
    #[cfg(feature = "emr_containers")]
    emr_containers::CfnEndpoint::TYPE,
    #[cfg(feature = "emr_containers")]
    emr_containers::CfnJobTemplate::TYPE,
    #[cfg(feature = "emr_containers")]
    emr_containers::CfnSecurityConfiguration::TYPE,
    #[cfg(feature = "emr_containers")]
    emr_containers::CfnVirtualCluster::TYPE,
    #[cfg(feature = "emr_serverless")]
    emr_serverless::CfnApplication::TYPE,
    #[cfg(feature = "evs")]
    evs::CfnEnvironment::TYPE,
    #[cfg(feature = "elasti_cache")]
    elasti_cache::CfnCacheCluster::TYPE,
    #[cfg(feature = "elasti_cache")]
    elasti_cache::CfnGlobalReplicationGroup::TYPE,
    #[cfg(feature = "elasti_cache")]
    elasti_cache::CfnParameterGroup::TYPE,
    #[cfg(feature = "elasti_cache")]
    elasti_cache::CfnReplicationGroup::TYPE,
    #[cfg(feature = "elasti_cache")]
    elasti_cache::CfnSecurityGroup::TYPE,
    #[cfg(feature = "elasti_cache")]
    elasti_cache::CfnSecurityGroupIngress::TYPE,
    #[cfg(feature = "elasti_cache")]
    elasti_cache::CfnServerlessCache::TYPE,
    #[cfg(feature = "elasti_cache")]
    elasti_cache::CfnServerlessCacheSnapshot::TYPE,
    #[cfg(feature = "elasti_cache")]
    elasti_cache::CfnSnapshot::TYPE,
    #[cfg(feature = "elasti_cache")]
    elasti_cache::CfnSubnetGroup::TYPE,
    #[cfg(feature = "elasti_cache")]
    elasti_cache::CfnUser::TYPE,
    #[cfg(feature = "elasti_cache")]
    elasti_cache::CfnUserGroup::TYPE,
    #[cfg(feature = "elastic_beanstalk")]
    elastic_beanstalk::CfnApplication::TYPE,
    #[cfg(feature = "elastic_beanstalk")]
    elastic_beanstalk::CfnApplicationVersion::TYPE,
    #[cfg(feature = "elastic_beanstalk")]
    elastic_beanstalk::CfnConfigurationTemplate::TYPE,
    #[cfg(feature = "elastic_beanstalk")]
    elastic_beanstalk::CfnEnvironment::TYPE,
    #[cfg(feature = "elastic_load_balancing")]
    elastic_load_balancing::CfnLoadBalancer::TYPE,
    #[cfg(feature = "elastic_load_balancing_v2")]
    elastic_load_balancing_v2::CfnListener::TYPE,
    #[cfg(feature = "elastic_load_balancing_v2")]
    elastic_load_balancing_v2::CfnListenerCertificate::TYPE,
    #[cfg(feature = "elastic_load_balancing_v2")]
    elastic_load_balancing_v2::CfnListenerRule::TYPE,
    #[cfg(feature = "elastic_load_balancing_v2")]
    elastic_load_balancing_v2::CfnLoadBalancer::TYPE,
    #[cfg(feature = "elastic_load_balancing_v2")]
    elastic_load_balancing_v2::CfnTargetGroup::TYPE,
    #[cfg(feature = "elastic_load_balancing_v2")]
    elastic_load_balancing_v2::CfnTrustStore::TYPE,
    #[cfg(feature = "elastic_load_balancing_v2")]
    elastic_load_balancing_v2::CfnTrustStoreRevocation::TYPE,
    #[cfg(feature = "elasticsearch")]
    elasticsearch::CfnDomain::TYPE,
    #[cfg(feature = "elemental_inference")]
    elemental_inference::CfnDictionary::TYPE,
    #[cfg(feature = "elemental_inference")]
    elemental_inference::CfnFeed::TYPE,
    #[cfg(feature = "entity_resolution")]
    entity_resolution::CfnIdMappingWorkflow::TYPE,
    #[cfg(feature = "entity_resolution")]
    entity_resolution::CfnIdNamespace::TYPE,
    #[cfg(feature = "entity_resolution")]
    entity_resolution::CfnMatchingWorkflow::TYPE,
    #[cfg(feature = "entity_resolution")]
    entity_resolution::CfnPolicyStatement::TYPE,
    #[cfg(feature = "entity_resolution")]
    entity_resolution::CfnSchemaMapping::TYPE,
    #[cfg(feature = "event_schemas")]
    event_schemas::CfnDiscoverer::TYPE,
    #[cfg(feature = "event_schemas")]
    event_schemas::CfnRegistry::TYPE,
    #[cfg(feature = "event_schemas")]
    event_schemas::CfnRegistryPolicy::TYPE,
    #[cfg(feature = "event_schemas")]
    event_schemas::CfnSchema::TYPE,
    #[cfg(feature = "events")]
    events::CfnApiDestination::TYPE,
    #[cfg(feature = "events")]
    events::CfnArchive::TYPE,
    #[cfg(feature = "events")]
    events::CfnConnection::TYPE,
    #[cfg(feature = "events")]
    events::CfnEndpoint::TYPE,
    #[cfg(feature = "events")]
    events::CfnEventBus::TYPE,
    #[cfg(feature = "events")]
    events::CfnEventBusPolicy::TYPE,
    #[cfg(feature = "events")]
    events::CfnRule::TYPE,
    #[cfg(feature = "events_v2")]
    events_v2::CfnEventBus::TYPE,
    #[cfg(feature = "events_v2")]
    events_v2::CfnEventSource::TYPE,
    #[cfg(feature = "events_v2")]
    events_v2::CfnResourcePolicy::TYPE,
    #[cfg(feature = "events_v2")]
    events_v2::CfnSubscriber::TYPE,
    #[cfg(feature = "evidently")]
    evidently::CfnExperiment::TYPE,
    #[cfg(feature = "evidently")]
    evidently::CfnFeature::TYPE,
    #[cfg(feature = "evidently")]
    evidently::CfnLaunch::TYPE,
    #[cfg(feature = "evidently")]
    evidently::CfnProject::TYPE,
    #[cfg(feature = "evidently")]
    evidently::CfnSegment::TYPE,
    #[cfg(feature = "fis")]
    fis::CfnExperimentTemplate::TYPE,
    #[cfg(feature = "fis")]
    fis::CfnTargetAccountConfiguration::TYPE,
    #[cfg(feature = "fms")]
    fms::CfnApplicationsList::TYPE,
    #[cfg(feature = "fms")]
    fms::CfnNotificationChannel::TYPE,
    #[cfg(feature = "fms")]
    fms::CfnPolicy::TYPE,
    #[cfg(feature = "fms")]
    fms::CfnProtocolsList::TYPE,
    #[cfg(feature = "fms")]
    fms::CfnResourceSet::TYPE,
    #[cfg(feature = "f_sx")]
    f_sx::CfnBackup::TYPE,
    #[cfg(feature = "f_sx")]
    f_sx::CfnDataRepositoryAssociation::TYPE,
    #[cfg(feature = "f_sx")]
    f_sx::CfnFileCache::TYPE,
    #[cfg(feature = "f_sx")]
    f_sx::CfnFileSystem::TYPE,
    #[cfg(feature = "f_sx")]
    f_sx::CfnS3AccessPointAttachment::TYPE,
    #[cfg(feature = "f_sx")]
    f_sx::CfnSnapshot::TYPE,
    #[cfg(feature = "f_sx")]
    f_sx::CfnStorageVirtualMachine::TYPE,
    #[cfg(feature = "f_sx")]
    f_sx::CfnVolume::TYPE,
    #[cfg(feature = "fin_space")]
    fin_space::CfnEnvironment::TYPE,
    #[cfg(feature = "forecast")]
    forecast::CfnDataset::TYPE,
    #[cfg(feature = "forecast")]
    forecast::CfnDatasetGroup::TYPE,
    #[cfg(feature = "fraud_detector")]
    fraud_detector::CfnDetector::TYPE,
    #[cfg(feature = "fraud_detector")]
    fraud_detector::CfnEntityType::TYPE,
    #[cfg(feature = "fraud_detector")]
    fraud_detector::CfnEventType::TYPE,
    #[cfg(feature = "fraud_detector")]
    fraud_detector::CfnLabel::TYPE,
    #[cfg(feature = "fraud_detector")]
    fraud_detector::CfnList::TYPE,
    #[cfg(feature = "fraud_detector")]
    fraud_detector::CfnOutcome::TYPE,
    #[cfg(feature = "fraud_detector")]
    fraud_detector::CfnVariable::TYPE,
    #[cfg(feature = "game_lift")]
    game_lift::CfnAlias::TYPE,
    #[cfg(feature = "game_lift")]
    game_lift::CfnBuild::TYPE,
    #[cfg(feature = "game_lift")]
    game_lift::CfnContainerFleet::TYPE,
    #[cfg(feature = "game_lift")]
    game_lift::CfnContainerGroupDefinition::TYPE,
    #[cfg(feature = "game_lift")]
    game_lift::CfnFleet::TYPE,
    #[cfg(feature = "game_lift")]
    game_lift::CfnGameServerGroup::TYPE,
    #[cfg(feature = "game_lift")]
    game_lift::CfnGameSessionQueue::TYPE,
    #[cfg(feature = "game_lift")]
    game_lift::CfnLocation::TYPE,
    #[cfg(feature = "game_lift")]
    game_lift::CfnMatchmakingConfiguration::TYPE,
    #[cfg(feature = "game_lift")]
    game_lift::CfnMatchmakingRuleSet::TYPE,
    #[cfg(feature = "game_lift")]
    game_lift::CfnScript::TYPE,
    #[cfg(feature = "global_accelerator")]
    global_accelerator::CfnAccelerator::TYPE,
    #[cfg(feature = "global_accelerator")]
    global_accelerator::CfnCrossAccountAttachment::TYPE,
    #[cfg(feature = "global_accelerator")]
    global_accelerator::CfnEndpointGroup::TYPE,
    #[cfg(feature = "global_accelerator")]
    global_accelerator::CfnListener::TYPE,
    #[cfg(feature = "glue")]
    glue::CfnBlueprint::TYPE,
    #[cfg(feature = "glue")]
    glue::CfnCatalog::TYPE,
    #[cfg(feature = "glue")]
    glue::CfnClassifier::TYPE,
    #[cfg(feature = "glue")]
    glue::CfnConnection::TYPE,
    #[cfg(feature = "glue")]
    glue::CfnConnectionType::TYPE,
    #[cfg(feature = "glue")]
    glue::CfnCrawler::TYPE,
    #[cfg(feature = "glue")]
    glue::CfnCustomEntityType::TYPE,
    #[cfg(feature = "glue")]
    glue::CfnDataCatalogEncryptionSettings::TYPE,
    #[cfg(feature = "glue")]
    glue::CfnDataQualityRuleset::TYPE,
    #[cfg(feature = "glue")]
    glue::CfnDatabase::TYPE,
    #[cfg(feature = "glue")]
    glue::CfnDevEndpoint::TYPE,
    #[cfg(feature = "glue")]
    glue::CfnIdentityCenterConfiguration::TYPE,
    #[cfg(feature = "glue")]
    glue::CfnIntegration::TYPE,
    #[cfg(feature = "glue")]
    glue::CfnIntegrationResourceProperty::TYPE,
    #[cfg(feature = "glue")]
    glue::CfnJob::TYPE,
    #[cfg(feature = "glue")]
    glue::CfnMlTransform::TYPE,
    #[cfg(feature = "glue")]
    glue::CfnPartition::TYPE,
    #[cfg(feature = "glue")]
    glue::CfnRegistry::TYPE,
    #[cfg(feature = "glue")]
    glue::CfnSchema::TYPE,
    #[cfg(feature = "glue")]
    glue::CfnSchemaVersion::TYPE,
    #[cfg(feature = "glue")]
    glue::CfnSchemaVersionMetadata::TYPE,
    #[cfg(feature = "glue")]
    glue::CfnSecurityConfiguration::TYPE,
    #[cfg(feature = "glue")]
    glue::CfnSession::TYPE,
    #[cfg(feature = "glue")]
    glue::CfnTable::TYPE,
    #[cfg(feature = "glue")]
    glue::CfnTableOptimizer::TYPE,
    #[cfg(feature = "glue")]
    glue::CfnTrigger::TYPE,
    #[cfg(feature = "glue")]
    glue::CfnUsageProfile::TYPE,
    #[cfg(feature = "glue")]
    glue::CfnUserDefinedFunction::TYPE,
    #[cfg(feature = "glue")]
    glue::CfnWorkflow::TYPE,
    #[cfg(feature = "grafana")]
    grafana::CfnWorkspace::TYPE,
    #[cfg(feature = "greengrass")]
    greengrass::CfnConnectorDefinition::TYPE,
    #[cfg(feature = "greengrass")]
    greengrass::CfnConnectorDefinitionVersion::TYPE,
    #[cfg(feature = "greengrass")]
    greengrass::CfnCoreDefinition::TYPE,
    #[cfg(feature = "greengrass")]
    greengrass::CfnCoreDefinitionVersion::TYPE,
    #[cfg(feature = "greengrass")]
    greengrass::CfnDeviceDefinition::TYPE,
    #[cfg(feature = "greengrass")]
    greengrass::CfnDeviceDefinitionVersion::TYPE,
    #[cfg(feature = "greengrass")]
    greengrass::CfnFunctionDefinition::TYPE,
    #[cfg(feature = "greengrass")]
    greengrass::CfnFunctionDefinitionVersion::TYPE,
    #[cfg(feature = "greengrass")]
    greengrass::CfnGroup::TYPE,
    #[cfg(feature = "greengrass")]
    greengrass::CfnGroupVersion::TYPE,
    #[cfg(feature = "greengrass")]
    greengrass::CfnLoggerDefinition::TYPE,
    #[cfg(feature = "greengrass")]
    greengrass::CfnLoggerDefinitionVersion::TYPE,
    #[cfg(feature = "greengrass")]
    greengrass::CfnResourceDefinition::TYPE,
    #[cfg(feature = "greengrass")]
    greengrass::CfnResourceDefinitionVersion::TYPE,
    #[cfg(feature = "greengrass")]
    greengrass::CfnSubscriptionDefinition::TYPE,
    #[cfg(feature = "greengrass")]
    greengrass::CfnSubscriptionDefinitionVersion::TYPE,
    #[cfg(feature = "greengrass_v2")]
    greengrass_v2::CfnComponentVersion::TYPE,
    #[cfg(feature = "greengrass_v2")]
    greengrass_v2::CfnDeployment::TYPE,
    #[cfg(feature = "ground_station")]
    ground_station::CfnConfig::TYPE,
    #[cfg(feature = "ground_station")]
    ground_station::CfnDataflowEndpointGroup::TYPE,
    #[cfg(feature = "ground_station")]
    ground_station::CfnDataflowEndpointGroupV2::TYPE,
    #[cfg(feature = "ground_station")]
    ground_station::CfnMissionProfile::TYPE,
    #[cfg(feature = "guard_duty")]
    guard_duty::CfnCustomDetectionRuleAssociation::TYPE,
    #[cfg(feature = "guard_duty")]
    guard_duty::CfnDetector::TYPE,
    #[cfg(feature = "guard_duty")]
    guard_duty::CfnFilter::TYPE,
    #[cfg(feature = "guard_duty")]
    guard_duty::CfnIpSet::TYPE,
    #[cfg(feature = "guard_duty")]
    guard_duty::CfnMalwareProtectionPlan::TYPE,
    #[cfg(feature = "guard_duty")]
    guard_duty::CfnMaster::TYPE,
    #[cfg(feature = "guard_duty")]
    guard_duty::CfnMember::TYPE,
    #[cfg(feature = "guard_duty")]
    guard_duty::CfnPublishingDestination::TYPE,
    #[cfg(feature = "guard_duty")]
    guard_duty::CfnThreatEntitySet::TYPE,
    #[cfg(feature = "guard_duty")]
    guard_duty::CfnThreatIntelSet::TYPE,
    #[cfg(feature = "guard_duty")]
    guard_duty::CfnTrustedEntitySet::TYPE,
    #[cfg(feature = "health_agent")]
    health_agent::CfnDomain::TYPE,
    #[cfg(feature = "health_imaging")]
    health_imaging::CfnDatastore::TYPE,
    #[cfg(feature = "health_lake")]
    health_lake::CfnDataTransformationProfile::TYPE,
    #[cfg(feature = "health_lake")]
    health_lake::CfnFhirDatastore::TYPE,
    #[cfg(feature = "iam")]
    iam::CfnAccessKey::TYPE,
    #[cfg(feature = "iam")]
    iam::CfnGroup::TYPE,
    #[cfg(feature = "iam")]
    iam::CfnGroupPolicy::TYPE,
    #[cfg(feature = "iam")]
    iam::CfnInstanceProfile::TYPE,
    #[cfg(feature = "iam")]
    iam::CfnManagedPolicy::TYPE,
    #[cfg(feature = "iam")]
    iam::CfnOidcProvider::TYPE,
    #[cfg(feature = "iam")]
    iam::CfnPolicy::TYPE,
    #[cfg(feature = "iam")]
    iam::CfnRole::TYPE,
    #[cfg(feature = "iam")]
    iam::CfnRolePolicy::TYPE,
    #[cfg(feature = "iam")]
    iam::CfnSamlProvider::TYPE,
    #[cfg(feature = "iam")]
    iam::CfnServerCertificate::TYPE,
    #[cfg(feature = "iam")]
    iam::CfnServiceLinkedRole::TYPE,
    #[cfg(feature = "iam")]
    iam::CfnUser::TYPE,
    #[cfg(feature = "iam")]
    iam::CfnUserPolicy::TYPE,
    #[cfg(feature = "iam")]
    iam::CfnUserToGroupAddition::TYPE,
    #[cfg(feature = "iam")]
    iam::CfnVirtualMfaDevice::TYPE,
    #[cfg(feature = "ivs")]
    ivs::CfnAdConfiguration::TYPE,
    #[cfg(feature = "ivs")]
    ivs::CfnChannel::TYPE,
    #[cfg(feature = "ivs")]
    ivs::CfnEncoderConfiguration::TYPE,
    #[cfg(feature = "ivs")]
    ivs::CfnIngestConfiguration::TYPE,
    #[cfg(feature = "ivs")]
    ivs::CfnPlaybackKeyPair::TYPE,
    #[cfg(feature = "ivs")]
    ivs::CfnPlaybackRestrictionPolicy::TYPE,
    #[cfg(feature = "ivs")]
    ivs::CfnPublicKey::TYPE,
    #[cfg(feature = "ivs")]
    ivs::CfnRecordingConfiguration::TYPE,
    #[cfg(feature = "ivs")]
    ivs::CfnStage::TYPE,
    #[cfg(feature = "ivs")]
    ivs::CfnStorageConfiguration::TYPE,
    #[cfg(feature = "ivs")]
    ivs::CfnStreamKey::TYPE,
    #[cfg(feature = "ivs_chat")]
    ivs_chat::CfnLoggingConfiguration::TYPE,
    #[cfg(feature = "ivs_chat")]
    ivs_chat::CfnRoom::TYPE,
    #[cfg(feature = "identity_store")]
    identity_store::CfnGroup::TYPE,
    #[cfg(feature = "identity_store")]
    identity_store::CfnGroupMembership::TYPE,
    #[cfg(feature = "identity_store")]
    identity_store::CfnUser::TYPE,
    #[cfg(feature = "image_builder")]
    image_builder::CfnComponent::TYPE,
    #[cfg(feature = "image_builder")]
    image_builder::CfnContainerRecipe::TYPE,
    #[cfg(feature = "image_builder")]
    image_builder::CfnDistributionConfiguration::TYPE,
    #[cfg(feature = "image_builder")]
    image_builder::CfnImage::TYPE,
    #[cfg(feature = "image_builder")]
    image_builder::CfnImagePipeline::TYPE,
    #[cfg(feature = "image_builder")]
    image_builder::CfnImageRecipe::TYPE,
    #[cfg(feature = "image_builder")]
    image_builder::CfnInfrastructureConfiguration::TYPE,
    #[cfg(feature = "image_builder")]
    image_builder::CfnLifecyclePolicy::TYPE,
    #[cfg(feature = "image_builder")]
    image_builder::CfnWorkflow::TYPE,
    #[cfg(feature = "inspector")]
    inspector::CfnAssessmentTarget::TYPE,
    #[cfg(feature = "inspector")]
    inspector::CfnAssessmentTemplate::TYPE,
    #[cfg(feature = "inspector")]
    inspector::CfnResourceGroup::TYPE,
    #[cfg(feature = "inspector_v2")]
    inspector_v2::CfnCisScanConfiguration::TYPE,
    #[cfg(feature = "inspector_v2")]
    inspector_v2::CfnCodeSecurityIntegration::TYPE,
    #[cfg(feature = "inspector_v2")]
    inspector_v2::CfnCodeSecurityScanConfiguration::TYPE,
    #[cfg(feature = "inspector_v2")]
    inspector_v2::CfnConnector::TYPE,
    #[cfg(feature = "inspector_v2")]
    inspector_v2::CfnFilter::TYPE,
    #[cfg(feature = "interconnect")]
    interconnect::CfnConnection::TYPE,
    #[cfg(feature = "internet_monitor")]
    internet_monitor::CfnMonitor::TYPE,
    #[cfg(feature = "invoicing")]
    invoicing::CfnInvoiceUnit::TYPE,
    #[cfg(feature = "invoicing")]
    invoicing::CfnProcurementPortalPreference::TYPE,
    #[cfg(feature = "iot")]
    iot::CfnAccountAuditConfiguration::TYPE,
    #[cfg(feature = "iot")]
    iot::CfnAuthorizer::TYPE,
    #[cfg(feature = "iot")]
    iot::CfnBillingGroup::TYPE,
    #[cfg(feature = "iot")]
    iot::CfnCaCertificate::TYPE,
    #[cfg(feature = "iot")]
    iot::CfnCertificate::TYPE,
    #[cfg(feature = "iot")]
    iot::CfnCertificateProvider::TYPE,
    #[cfg(feature = "iot")]
    iot::CfnCommand::TYPE,
    #[cfg(feature = "iot")]
    iot::CfnCustomMetric::TYPE,
    #[cfg(feature = "iot")]
    iot::CfnDimension::TYPE,
    #[cfg(feature = "iot")]
    iot::CfnDomainConfiguration::TYPE,
    #[cfg(feature = "iot")]
    iot::CfnEncryptionConfiguration::TYPE,
    #[cfg(feature = "iot")]
    iot::CfnFleetMetric::TYPE,
    #[cfg(feature = "iot")]
    iot::CfnJob::TYPE,
    #[cfg(feature = "iot")]
    iot::CfnJobTemplate::TYPE,
    #[cfg(feature = "iot")]
    iot::CfnLogging::TYPE,
    #[cfg(feature = "iot")]
    iot::CfnMitigationAction::TYPE,
    #[cfg(feature = "iot")]
    iot::CfnPolicy::TYPE,
    #[cfg(feature = "iot")]
    iot::CfnPolicyPrincipalAttachment::TYPE,
    #[cfg(feature = "iot")]
    iot::CfnProvisioningTemplate::TYPE,
    #[cfg(feature = "iot")]
    iot::CfnResourceSpecificLogging::TYPE,
    #[cfg(feature = "iot")]
    iot::CfnRoleAlias::TYPE,
    #[cfg(feature = "iot")]
    iot::CfnScheduledAudit::TYPE,
    #[cfg(feature = "iot")]
    iot::CfnSecurityProfile::TYPE,
    #[cfg(feature = "iot")]
    iot::CfnSoftwarePackage::TYPE,
    #[cfg(feature = "iot")]
    iot::CfnSoftwarePackageVersion::TYPE,
    #[cfg(feature = "iot")]
    iot::CfnStream::TYPE,
    #[cfg(feature = "iot")]
    iot::CfnThing::TYPE,
    #[cfg(feature = "iot")]
    iot::CfnThingGroup::TYPE,
    #[cfg(feature = "iot")]
    iot::CfnThingPrincipalAttachment::TYPE,
    #[cfg(feature = "iot")]
    iot::CfnThingType::TYPE,
    #[cfg(feature = "iot")]
    iot::CfnTopicRule::TYPE,
    #[cfg(feature = "iot")]
    iot::CfnTopicRuleDestination::TYPE,
    #[cfg(feature = "iot_analytics")]
    iot_analytics::CfnChannel::TYPE,
    #[cfg(feature = "iot_analytics")]
    iot_analytics::CfnDataset::TYPE,
    #[cfg(feature = "iot_analytics")]
    iot_analytics::CfnDatastore::TYPE,
    #[cfg(feature = "iot_analytics")]
    iot_analytics::CfnPipeline::TYPE,
    #[cfg(feature = "iot_core_device_advisor")]
    iot_core_device_advisor::CfnSuiteDefinition::TYPE,
    #[cfg(feature = "iot_fleet_wise")]
    iot_fleet_wise::CfnCampaign::TYPE,
    #[cfg(feature = "iot_fleet_wise")]
    iot_fleet_wise::CfnDecoderManifest::TYPE,
    #[cfg(feature = "iot_fleet_wise")]
    iot_fleet_wise::CfnFleet::TYPE,
    #[cfg(feature = "iot_fleet_wise")]
    iot_fleet_wise::CfnModelManifest::TYPE,
    #[cfg(feature = "iot_fleet_wise")]
    iot_fleet_wise::CfnSignalCatalog::TYPE,
    #[cfg(feature = "iot_fleet_wise")]
    iot_fleet_wise::CfnStateTemplate::TYPE,
    #[cfg(feature = "iot_fleet_wise")]
    iot_fleet_wise::CfnVehicle::TYPE,
    #[cfg(feature = "iot_secure_tunneling")]
    iot_secure_tunneling::CfnTunnel::TYPE,
    #[cfg(feature = "iot_site_wise")]
    iot_site_wise::CfnAccessPolicy::TYPE,
    #[cfg(feature = "iot_site_wise")]
    iot_site_wise::CfnApplication::TYPE,
    #[cfg(feature = "iot_site_wise")]
    iot_site_wise::CfnAsset::TYPE,
    #[cfg(feature = "iot_site_wise")]
    iot_site_wise::CfnAssetModel::TYPE,
    #[cfg(feature = "iot_site_wise")]
    iot_site_wise::CfnComputationModel::TYPE,
    #[cfg(feature = "iot_site_wise")]
    iot_site_wise::CfnDashboard::TYPE,
    #[cfg(feature = "iot_site_wise")]
    iot_site_wise::CfnDataset::TYPE,
    #[cfg(feature = "iot_site_wise")]
    iot_site_wise::CfnGateway::TYPE,
    #[cfg(feature = "iot_site_wise")]
    iot_site_wise::CfnPipeline::TYPE,
    #[cfg(feature = "iot_site_wise")]
    iot_site_wise::CfnPortal::TYPE,
    #[cfg(feature = "iot_site_wise")]
    iot_site_wise::CfnProject::TYPE,
    #[cfg(feature = "iot_site_wise")]
    iot_site_wise::CfnTask::TYPE,
    #[cfg(feature = "iot_site_wise")]
    iot_site_wise::CfnWorkspace::TYPE,
    #[cfg(feature = "iot_things_graph")]
    iot_things_graph::CfnFlowTemplate::TYPE,
    #[cfg(feature = "iot_twin_maker")]
    iot_twin_maker::CfnComponentType::TYPE,
    #[cfg(feature = "iot_twin_maker")]
    iot_twin_maker::CfnEntity::TYPE,
    #[cfg(feature = "iot_twin_maker")]
    iot_twin_maker::CfnScene::TYPE,
    #[cfg(feature = "iot_twin_maker")]
    iot_twin_maker::CfnSyncJob::TYPE,
    #[cfg(feature = "iot_twin_maker")]
    iot_twin_maker::CfnWorkspace::TYPE,
    #[cfg(feature = "iot_wireless")]
    iot_wireless::CfnDestination::TYPE,
    #[cfg(feature = "iot_wireless")]
    iot_wireless::CfnDeviceProfile::TYPE,
    #[cfg(feature = "iot_wireless")]
    iot_wireless::CfnFuotaTask::TYPE,
    #[cfg(feature = "iot_wireless")]
    iot_wireless::CfnMulticastGroup::TYPE,
    #[cfg(feature = "iot_wireless")]
    iot_wireless::CfnNetworkAnalyzerConfiguration::TYPE,
    #[cfg(feature = "iot_wireless")]
    iot_wireless::CfnPartnerAccount::TYPE,
    #[cfg(feature = "iot_wireless")]
    iot_wireless::CfnServiceProfile::TYPE,
    #[cfg(feature = "iot_wireless")]
    iot_wireless::CfnTaskDefinition::TYPE,
    #[cfg(feature = "iot_wireless")]
    iot_wireless::CfnWirelessDevice::TYPE,
    #[cfg(feature = "iot_wireless")]
    iot_wireless::CfnWirelessDeviceImportTask::TYPE,
    #[cfg(feature = "iot_wireless")]
    iot_wireless::CfnWirelessGateway::TYPE,
    #[cfg(feature = "kms")]
    kms::CfnAlias::TYPE,
    #[cfg(feature = "kms")]
    kms::CfnKey::TYPE,
    #[cfg(feature = "kms")]
    kms::CfnReplicaKey::TYPE,
    #[cfg(feature = "kafka_connect")]
    kafka_connect::CfnConnector::TYPE,
    #[cfg(feature = "kafka_connect")]
    kafka_connect::CfnCustomPlugin::TYPE,
    #[cfg(feature = "kafka_connect")]
    kafka_connect::CfnWorkerConfiguration::TYPE,
    #[cfg(feature = "kendra")]
    kendra::CfnDataSource::TYPE,
    #[cfg(feature = "kendra")]
    kendra::CfnFaq::TYPE,
    #[cfg(feature = "kendra")]
    kendra::CfnFeaturedResultsSet::TYPE,
    #[cfg(feature = "kendra")]
    kendra::CfnIndex::TYPE,
    #[cfg(feature = "kendra")]
    kendra::CfnQuerySuggestionsBlockList::TYPE,
    #[cfg(feature = "kendra")]
    kendra::CfnThesaurus::TYPE,
    #[cfg(feature = "kendra_ranking")]
    kendra_ranking::CfnExecutionPlan::TYPE,
    #[cfg(feature = "kinesis")]
    kinesis::CfnChannel::TYPE,
    #[cfg(feature = "kinesis")]
    kinesis::CfnResourcePolicy::TYPE,
    #[cfg(feature = "kinesis")]
    kinesis::CfnStream::TYPE,
    #[cfg(feature = "kinesis")]
    kinesis::CfnStreamConsumer::TYPE,
    #[cfg(feature = "kinesis_analytics")]
    kinesis_analytics::CfnApplication::TYPE,
    #[cfg(feature = "kinesis_analytics")]
    kinesis_analytics::CfnApplicationOutput::TYPE,
    #[cfg(feature = "kinesis_analytics")]
    kinesis_analytics::CfnApplicationReferenceDataSource::TYPE,
    #[cfg(feature = "kinesis_analytics_v2")]
    kinesis_analytics_v2::CfnApplication::TYPE,
    #[cfg(feature = "kinesis_analytics_v2")]
    kinesis_analytics_v2::CfnApplicationCloudWatchLoggingOption::TYPE,
    #[cfg(feature = "kinesis_analytics_v2")]
    kinesis_analytics_v2::CfnApplicationOutput::TYPE,
    #[cfg(feature = "kinesis_analytics_v2")]
    kinesis_analytics_v2::CfnApplicationReferenceDataSource::TYPE,
    #[cfg(feature = "kinesis_firehose")]
    kinesis_firehose::CfnDeliveryStream::TYPE,
    #[cfg(feature = "kinesis_video")]
    kinesis_video::CfnSignalingChannel::TYPE,
    #[cfg(feature = "kinesis_video")]
    kinesis_video::CfnStream::TYPE,
    #[cfg(feature = "lake_formation")]
    lake_formation::CfnDataCellsFilter::TYPE,
    #[cfg(feature = "lake_formation")]
    lake_formation::CfnDataLakeSettings::TYPE,
    #[cfg(feature = "lake_formation")]
    lake_formation::CfnPermissions::TYPE,
    #[cfg(feature = "lake_formation")]
    lake_formation::CfnPrincipalPermissions::TYPE,
    #[cfg(feature = "lake_formation")]
    lake_formation::CfnResource::TYPE,
    #[cfg(feature = "lake_formation")]
    lake_formation::CfnTag::TYPE,
    #[cfg(feature = "lake_formation")]
    lake_formation::CfnTagAssociation::TYPE,
    #[cfg(feature = "lambda")]
    lambda::CfnAlias::TYPE,
    #[cfg(feature = "lambda")]
    lambda::CfnCapacityProvider::TYPE,
    #[cfg(feature = "lambda")]
    lambda::CfnCodeSigningConfig::TYPE,
    #[cfg(feature = "lambda")]
    lambda::CfnEventInvokeConfig::TYPE,
    #[cfg(feature = "lambda")]
    lambda::CfnEventSourceMapping::TYPE,
    #[cfg(feature = "lambda")]
    lambda::CfnFunction::TYPE,
    #[cfg(feature = "lambda")]
    lambda::CfnLayerVersion::TYPE,
    #[cfg(feature = "lambda")]
    lambda::CfnLayerVersionPermission::TYPE,
    #[cfg(feature = "lambda")]
    lambda::CfnMicrovmImage::TYPE,
    #[cfg(feature = "lambda")]
    lambda::CfnNetworkConnector::TYPE,
    #[cfg(feature = "lambda")]
    lambda::CfnPermission::TYPE,
    #[cfg(feature = "lambda")]
    lambda::CfnResourcePolicy::TYPE,
    #[cfg(feature = "lambda")]
    lambda::CfnUrl::TYPE,
    #[cfg(feature = "lambda")]
    lambda::CfnVersion::TYPE,
    #[cfg(feature = "lambda")]
    lambda::CfnWebFunction::TYPE,
    #[cfg(feature = "lambda")]
    lambda::CfnWebFunctionEndpoint::TYPE,
    #[cfg(feature = "lambda")]
    lambda::CfnWebFunctionRevision::TYPE,
    #[cfg(feature = "launch_wizard")]
    launch_wizard::CfnDeployment::TYPE,
    #[cfg(feature = "lex")]
    lex::CfnBot::TYPE,
    #[cfg(feature = "lex")]
    lex::CfnBotAlias::TYPE,
    #[cfg(feature = "lex")]
    lex::CfnBotVersion::TYPE,
    #[cfg(feature = "lex")]
    lex::CfnResourcePolicy::TYPE,
    #[cfg(feature = "license_manager")]
    license_manager::CfnGrant::TYPE,
    #[cfg(feature = "license_manager")]
    license_manager::CfnLicense::TYPE,
    #[cfg(feature = "license_manager")]
    license_manager::CfnLicenseAssetGroup::TYPE,
    #[cfg(feature = "license_manager")]
    license_manager::CfnLicenseAssetRuleSet::TYPE,
    #[cfg(feature = "license_manager")]
    license_manager::CfnLicenseConfiguration::TYPE,
    #[cfg(feature = "license_manager")]
    license_manager::CfnReportGenerator::TYPE,
    #[cfg(feature = "license_manager_linux_subscriptions")]
    license_manager_linux_subscriptions::CfnSubscriptionProvider::TYPE,
    #[cfg(feature = "license_manager_user_subscriptions")]
    license_manager_user_subscriptions::CfnLicenseServerEndpoint::TYPE,
    #[cfg(feature = "lightsail")]
    lightsail::CfnAlarm::TYPE,
    #[cfg(feature = "lightsail")]
    lightsail::CfnBucket::TYPE,
    #[cfg(feature = "lightsail")]
    lightsail::CfnCertificate::TYPE,
    #[cfg(feature = "lightsail")]
    lightsail::CfnContactMethod::TYPE,
    #[cfg(feature = "lightsail")]
    lightsail::CfnContainer::TYPE,
    #[cfg(feature = "lightsail")]
    lightsail::CfnDatabase::TYPE,
    #[cfg(feature = "lightsail")]
    lightsail::CfnDatabaseSnapshot::TYPE,
    #[cfg(feature = "lightsail")]
    lightsail::CfnDisk::TYPE,
    #[cfg(feature = "lightsail")]
    lightsail::CfnDiskSnapshot::TYPE,
    #[cfg(feature = "lightsail")]
    lightsail::CfnDistribution::TYPE,
    #[cfg(feature = "lightsail")]
    lightsail::CfnDomain::TYPE,
    #[cfg(feature = "lightsail")]
    lightsail::CfnInstance::TYPE,
    #[cfg(feature = "lightsail")]
    lightsail::CfnInstanceSnapshot::TYPE,
    #[cfg(feature = "lightsail")]
    lightsail::CfnKeyPair::TYPE,
    #[cfg(feature = "lightsail")]
    lightsail::CfnLoadBalancer::TYPE,
    #[cfg(feature = "lightsail")]
    lightsail::CfnLoadBalancerTlsCertificate::TYPE,
    #[cfg(feature = "lightsail")]
    lightsail::CfnStaticIp::TYPE,
    #[cfg(feature = "location")]
    location::CfnApiKey::TYPE,
    #[cfg(feature = "location")]
    location::CfnGeofenceCollection::TYPE,
    #[cfg(feature = "location")]
    location::CfnMap::TYPE,
    #[cfg(feature = "location")]
    location::CfnPlaceIndex::TYPE,
    #[cfg(feature = "location")]
    location::CfnRouteCalculator::TYPE,
    #[cfg(feature = "location")]
    location::CfnTracker::TYPE,
    #[cfg(feature = "location")]
    location::CfnTrackerConsumer::TYPE,
    #[cfg(feature = "logs")]
    logs::CfnAccountPolicy::TYPE,
    #[cfg(feature = "logs")]
    logs::CfnDelivery::TYPE,
    #[cfg(feature = "logs")]
    logs::CfnDeliveryDestination::TYPE,
    #[cfg(feature = "logs")]
    logs::CfnDeliverySource::TYPE,
    #[cfg(feature = "logs")]
    logs::CfnDestination::TYPE,
    #[cfg(feature = "logs")]
    logs::CfnIntegration::TYPE,
    #[cfg(feature = "logs")]
    logs::CfnLogAnomalyDetector::TYPE,
    #[cfg(feature = "logs")]
    logs::CfnLogGroup::TYPE,
    #[cfg(feature = "logs")]
    logs::CfnLogStream::TYPE,
    #[cfg(feature = "logs")]
    logs::CfnMetricFilter::TYPE,
    #[cfg(feature = "logs")]
    logs::CfnQueryDefinition::TYPE,
    #[cfg(feature = "logs")]
    logs::CfnResourcePolicy::TYPE,
    #[cfg(feature = "logs")]
    logs::CfnScheduledQuery::TYPE,
    #[cfg(feature = "logs")]
    logs::CfnStorageTierPolicy::TYPE,
    #[cfg(feature = "logs")]
    logs::CfnSubscriptionFilter::TYPE,
    #[cfg(feature = "logs")]
    logs::CfnTransformer::TYPE,
    #[cfg(feature = "lookout_equipment")]
    lookout_equipment::CfnInferenceScheduler::TYPE,
    #[cfg(feature = "lookout_vision")]
    lookout_vision::CfnProject::TYPE,
    #[cfg(feature = "m2")]
    m2::CfnApplication::TYPE,
    #[cfg(feature = "m2")]
    m2::CfnDeployment::TYPE,
    #[cfg(feature = "m2")]
    m2::CfnEnvironment::TYPE,
    #[cfg(feature = "mgn")]
    mgn::CfnConnector::TYPE,
    #[cfg(feature = "mgn")]
    mgn::CfnLaunchConfigurationTemplate::TYPE,
    #[cfg(feature = "mgn")]
    mgn::CfnNetworkMigrationDefinition::TYPE,
    #[cfg(feature = "mpa")]
    mpa::CfnApprovalTeam::TYPE,
    #[cfg(feature = "mpa")]
    mpa::CfnIdentitySource::TYPE,
    #[cfg(feature = "msk")]
    msk::CfnBatchScramSecret::TYPE,
    #[cfg(feature = "msk")]
    msk::CfnChannel::TYPE,
    #[cfg(feature = "msk")]
    msk::CfnCluster::TYPE,
    #[cfg(feature = "msk")]
    msk::CfnClusterPolicy::TYPE,
    #[cfg(feature = "msk")]
    msk::CfnConfiguration::TYPE,
    #[cfg(feature = "msk")]
    msk::CfnReplicator::TYPE,
    #[cfg(feature = "msk")]
    msk::CfnServerlessCluster::TYPE,
    #[cfg(feature = "msk")]
    msk::CfnTopic::TYPE,
    #[cfg(feature = "msk")]
    msk::CfnVpcConnection::TYPE,
    #[cfg(feature = "mwaa")]
    mwaa::CfnEnvironment::TYPE,
    #[cfg(feature = "mwaa_serverless")]
    mwaa_serverless::CfnWorkflow::TYPE,
    #[cfg(feature = "macie")]
    macie::CfnAllowList::TYPE,
    #[cfg(feature = "macie")]
    macie::CfnCustomDataIdentifier::TYPE,
    #[cfg(feature = "macie")]
    macie::CfnFindingsFilter::TYPE,
    #[cfg(feature = "macie")]
    macie::CfnMember::TYPE,
    #[cfg(feature = "macie")]
    macie::CfnSession::TYPE,
    #[cfg(feature = "managed_blockchain")]
    managed_blockchain::CfnAccessor::TYPE,
    #[cfg(feature = "managed_blockchain")]
    managed_blockchain::CfnMember::TYPE,
    #[cfg(feature = "managed_blockchain")]
    managed_blockchain::CfnNode::TYPE,
    #[cfg(feature = "media_connect")]
    media_connect::CfnBridge::TYPE,
    #[cfg(feature = "media_connect")]
    media_connect::CfnBridgeOutput::TYPE,
    #[cfg(feature = "media_connect")]
    media_connect::CfnBridgeSource::TYPE,
    #[cfg(feature = "media_connect")]
    media_connect::CfnFlow::TYPE,
    #[cfg(feature = "media_connect")]
    media_connect::CfnFlowEntitlement::TYPE,
    #[cfg(feature = "media_connect")]
    media_connect::CfnFlowMediaStream::TYPE,
    #[cfg(feature = "media_connect")]
    media_connect::CfnFlowOutput::TYPE,
    #[cfg(feature = "media_connect")]
    media_connect::CfnFlowSource::TYPE,
    #[cfg(feature = "media_connect")]
    media_connect::CfnFlowVpcInterface::TYPE,
    #[cfg(feature = "media_connect")]
    media_connect::CfnGateway::TYPE,
    #[cfg(feature = "media_connect")]
    media_connect::CfnRouterInput::TYPE,
    #[cfg(feature = "media_connect")]
    media_connect::CfnRouterNetworkInterface::TYPE,
    #[cfg(feature = "media_connect")]
    media_connect::CfnRouterOutput::TYPE,
    #[cfg(feature = "media_convert")]
    media_convert::CfnCertificateAssociation::TYPE,
    #[cfg(feature = "media_convert")]
    media_convert::CfnJobTemplate::TYPE,
    #[cfg(feature = "media_convert")]
    media_convert::CfnPreset::TYPE,
    #[cfg(feature = "media_convert")]
    media_convert::CfnQueue::TYPE,
    #[cfg(feature = "media_live")]
    media_live::CfnChannel::TYPE,
    #[cfg(feature = "media_live")]
    media_live::CfnChannelPlacementGroup::TYPE,
    #[cfg(feature = "media_live")]
    media_live::CfnCloudWatchAlarmTemplate::TYPE,
    #[cfg(feature = "media_live")]
    media_live::CfnCloudWatchAlarmTemplateGroup::TYPE,
    #[cfg(feature = "media_live")]
    media_live::CfnCluster::TYPE,
    #[cfg(feature = "media_live")]
    media_live::CfnEventBridgeRuleTemplate::TYPE,
    #[cfg(feature = "media_live")]
    media_live::CfnEventBridgeRuleTemplateGroup::TYPE,
    #[cfg(feature = "media_live")]
    media_live::CfnInput::TYPE,
    #[cfg(feature = "media_live")]
    media_live::CfnInputSecurityGroup::TYPE,
    #[cfg(feature = "media_live")]
    media_live::CfnMultiplex::TYPE,
    #[cfg(feature = "media_live")]
    media_live::CfnMultiplexprogram::TYPE,
    #[cfg(feature = "media_live")]
    media_live::CfnNetwork::TYPE,
    #[cfg(feature = "media_live")]
    media_live::CfnNode::TYPE,
    #[cfg(feature = "media_live")]
    media_live::CfnSdiSource::TYPE,
    #[cfg(feature = "media_live")]
    media_live::CfnSignalMap::TYPE,
    #[cfg(feature = "media_package")]
    media_package::CfnAsset::TYPE,
    #[cfg(feature = "media_package")]
    media_package::CfnChannel::TYPE,
    #[cfg(feature = "media_package")]
    media_package::CfnOriginEndpoint::TYPE,
    #[cfg(feature = "media_package")]
    media_package::CfnPackagingConfiguration::TYPE,
    #[cfg(feature = "media_package")]
    media_package::CfnPackagingGroup::TYPE,
    #[cfg(feature = "media_package_v2")]
    media_package_v2::CfnChannel::TYPE,
    #[cfg(feature = "media_package_v2")]
    media_package_v2::CfnChannelGroup::TYPE,
    #[cfg(feature = "media_package_v2")]
    media_package_v2::CfnChannelPolicy::TYPE,
    #[cfg(feature = "media_package_v2")]
    media_package_v2::CfnOriginEndpoint::TYPE,
    #[cfg(feature = "media_package_v2")]
    media_package_v2::CfnOriginEndpointPolicy::TYPE,
    #[cfg(feature = "media_store")]
    media_store::CfnContainer::TYPE,
    #[cfg(feature = "media_tailor")]
    media_tailor::CfnChannel::TYPE,
    #[cfg(feature = "media_tailor")]
    media_tailor::CfnChannelPolicy::TYPE,
    #[cfg(feature = "media_tailor")]
    media_tailor::CfnFunction::TYPE,
    #[cfg(feature = "media_tailor")]
    media_tailor::CfnLiveSource::TYPE,
    #[cfg(feature = "media_tailor")]
    media_tailor::CfnPlaybackConfiguration::TYPE,
    #[cfg(feature = "media_tailor")]
    media_tailor::CfnPrefetchSchedule::TYPE,
    #[cfg(feature = "media_tailor")]
    media_tailor::CfnProgram::TYPE,
    #[cfg(feature = "media_tailor")]
    media_tailor::CfnSourceLocation::TYPE,
    #[cfg(feature = "media_tailor")]
    media_tailor::CfnVodSource::TYPE,
    #[cfg(feature = "memory_db")]
    memory_db::CfnAcl::TYPE,
    #[cfg(feature = "memory_db")]
    memory_db::CfnCluster::TYPE,
    #[cfg(feature = "memory_db")]
    memory_db::CfnMultiRegionCluster::TYPE,
    #[cfg(feature = "memory_db")]
    memory_db::CfnParameterGroup::TYPE,
    #[cfg(feature = "memory_db")]
    memory_db::CfnSnapshot::TYPE,
    #[cfg(feature = "memory_db")]
    memory_db::CfnSubnetGroup::TYPE,
    #[cfg(feature = "memory_db")]
    memory_db::CfnUser::TYPE,
    #[cfg(feature = "neptune")]
    neptune::CfnDbCluster::TYPE,
    #[cfg(feature = "neptune")]
    neptune::CfnDbClusterParameterGroup::TYPE,
    #[cfg(feature = "neptune")]
    neptune::CfnDbInstance::TYPE,
    #[cfg(feature = "neptune")]
    neptune::CfnDbParameterGroup::TYPE,
    #[cfg(feature = "neptune")]
    neptune::CfnDbSubnetGroup::TYPE,
    #[cfg(feature = "neptune")]
    neptune::CfnEventSubscription::TYPE,
    #[cfg(feature = "neptune")]
    neptune::CfnGlobalCluster::TYPE,
    #[cfg(feature = "neptune_graph")]
    neptune_graph::CfnGraph::TYPE,
    #[cfg(feature = "neptune_graph")]
    neptune_graph::CfnGraphSnapshot::TYPE,
    #[cfg(feature = "neptune_graph")]
    neptune_graph::CfnPrivateGraphEndpoint::TYPE,
    #[cfg(feature = "network_firewall")]
    network_firewall::CfnContainerAssociation::TYPE,
    #[cfg(feature = "network_firewall")]
    network_firewall::CfnFirewall::TYPE,
    #[cfg(feature = "network_firewall")]
    network_firewall::CfnFirewallPolicy::TYPE,
    #[cfg(feature = "network_firewall")]
    network_firewall::CfnLoggingConfiguration::TYPE,
    #[cfg(feature = "network_firewall")]
    network_firewall::CfnRuleGroup::TYPE,
    #[cfg(feature = "network_firewall")]
    network_firewall::CfnTlsInspectionConfiguration::TYPE,
    #[cfg(feature = "network_firewall")]
    network_firewall::CfnVpcEndpointAssociation::TYPE,
    #[cfg(feature = "network_flow_monitor")]
    network_flow_monitor::CfnMonitor::TYPE,
    #[cfg(feature = "network_flow_monitor")]
    network_flow_monitor::CfnScope::TYPE,
    #[cfg(feature = "network_manager")]
    network_manager::CfnConnectAttachment::TYPE,
    #[cfg(feature = "network_manager")]
    network_manager::CfnConnectPeer::TYPE,
    #[cfg(feature = "network_manager")]
    network_manager::CfnCoreNetwork::TYPE,
    #[cfg(feature = "network_manager")]
    network_manager::CfnCoreNetworkPrefixListAssociation::TYPE,
    #[cfg(feature = "network_manager")]
    network_manager::CfnCustomerGatewayAssociation::TYPE,
    #[cfg(feature = "network_manager")]
    network_manager::CfnDevice::TYPE,
    #[cfg(feature = "network_manager")]
    network_manager::CfnDirectConnectGatewayAttachment::TYPE,
    #[cfg(feature = "network_manager")]
    network_manager::CfnGlobalNetwork::TYPE,
    #[cfg(feature = "network_manager")]
    network_manager::CfnLink::TYPE,
    #[cfg(feature = "network_manager")]
    network_manager::CfnLinkAssociation::TYPE,
    #[cfg(feature = "network_manager")]
    network_manager::CfnSite::TYPE,
    #[cfg(feature = "network_manager")]
    network_manager::CfnSiteToSiteVpnAttachment::TYPE,
    #[cfg(feature = "network_manager")]
    network_manager::CfnTransitGatewayPeering::TYPE,
    #[cfg(feature = "network_manager")]
    network_manager::CfnTransitGatewayRegistration::TYPE,
    #[cfg(feature = "network_manager")]
    network_manager::CfnTransitGatewayRouteTableAttachment::TYPE,
    #[cfg(feature = "network_manager")]
    network_manager::CfnVpcAttachment::TYPE,
    #[cfg(feature = "network_monitor")]
    network_monitor::CfnMonitor::TYPE,
    #[cfg(feature = "network_security_manager")]
    network_security_manager::CfnDeployment::TYPE,
    #[cfg(feature = "network_security_manager")]
    network_security_manager::CfnPolicy::TYPE,
    #[cfg(feature = "network_security_manager")]
    network_security_manager::CfnRule::TYPE,
    #[cfg(feature = "network_security_manager")]
    network_security_manager::CfnScope::TYPE,
    #[cfg(feature = "network_security_manager")]
    network_security_manager::CfnTemplate::TYPE,
    #[cfg(feature = "notifications")]
    notifications::CfnChannelAssociation::TYPE,
    #[cfg(feature = "notifications")]
    notifications::CfnEventRule::TYPE,
    #[cfg(feature = "notifications")]
    notifications::CfnManagedNotificationAccountContactAssociation::TYPE,
    #[cfg(feature = "notifications")]
    notifications::CfnManagedNotificationAdditionalChannelAssociation::TYPE,
    #[cfg(feature = "notifications")]
    notifications::CfnNotificationConfiguration::TYPE,
    #[cfg(feature = "notifications")]
    notifications::CfnNotificationHub::TYPE,
    #[cfg(feature = "notifications")]
    notifications::CfnOrganizationalUnitAssociation::TYPE,
    #[cfg(feature = "notifications_contacts")]
    notifications_contacts::CfnEmailContact::TYPE,
    #[cfg(feature = "nova_act")]
    nova_act::CfnWorkflowDefinition::TYPE,
    #[cfg(feature = "odb")]
    odb::CfnCloudAutonomousVmCluster::TYPE,
    #[cfg(feature = "odb")]
    odb::CfnCloudExadataInfrastructure::TYPE,
    #[cfg(feature = "odb")]
    odb::CfnCloudVmCluster::TYPE,
    #[cfg(feature = "odb")]
    odb::CfnOdbNetwork::TYPE,
    #[cfg(feature = "odb")]
    odb::CfnOdbPeeringConnection::TYPE,
    #[cfg(feature = "osis")]
    osis::CfnPipeline::TYPE,
    #[cfg(feature = "oam")]
    oam::CfnLink::TYPE,
    #[cfg(feature = "oam")]
    oam::CfnSink::TYPE,
    #[cfg(feature = "observability_admin")]
    observability_admin::CfnDatasetIntegration::TYPE,
    #[cfg(feature = "observability_admin")]
    observability_admin::CfnOrganizationCentralizationRule::TYPE,
    #[cfg(feature = "observability_admin")]
    observability_admin::CfnOrganizationTelemetryRule::TYPE,
    #[cfg(feature = "observability_admin")]
    observability_admin::CfnS3TableIntegration::TYPE,
    #[cfg(feature = "observability_admin")]
    observability_admin::CfnTelemetryEnrichment::TYPE,
    #[cfg(feature = "observability_admin")]
    observability_admin::CfnTelemetryPipelines::TYPE,
    #[cfg(feature = "observability_admin")]
    observability_admin::CfnTelemetryRule::TYPE,
    #[cfg(feature = "omics")]
    omics::CfnAnnotationStore::TYPE,
    #[cfg(feature = "omics")]
    omics::CfnConfiguration::TYPE,
    #[cfg(feature = "omics")]
    omics::CfnReferenceStore::TYPE,
    #[cfg(feature = "omics")]
    omics::CfnRunCache::TYPE,
    #[cfg(feature = "omics")]
    omics::CfnRunGroup::TYPE,
    #[cfg(feature = "omics")]
    omics::CfnSequenceStore::TYPE,
    #[cfg(feature = "omics")]
    omics::CfnVariantStore::TYPE,
    #[cfg(feature = "omics")]
    omics::CfnWorkflow::TYPE,
    #[cfg(feature = "omics")]
    omics::CfnWorkflowVersion::TYPE,
    #[cfg(feature = "open_search")]
    open_search::CfnDataSource::TYPE,
    #[cfg(feature = "open_search_serverless")]
    open_search_serverless::CfnAccessPolicy::TYPE,
    #[cfg(feature = "open_search_serverless")]
    open_search_serverless::CfnCollection::TYPE,
    #[cfg(feature = "open_search_serverless")]
    open_search_serverless::CfnCollectionGroup::TYPE,
    #[cfg(feature = "open_search_serverless")]
    open_search_serverless::CfnCollectionIndex::TYPE,
    #[cfg(feature = "open_search_serverless")]
    open_search_serverless::CfnIndex::TYPE,
    #[cfg(feature = "open_search_serverless")]
    open_search_serverless::CfnLifecyclePolicy::TYPE,
    #[cfg(feature = "open_search_serverless")]
    open_search_serverless::CfnSecurityConfig::TYPE,
    #[cfg(feature = "open_search_serverless")]
    open_search_serverless::CfnSecurityPolicy::TYPE,
    #[cfg(feature = "open_search_serverless")]
    open_search_serverless::CfnVpcEndpoint::TYPE,
    #[cfg(feature = "open_search_service")]
    open_search_service::CfnApplication::TYPE,
    #[cfg(feature = "open_search_service")]
    open_search_service::CfnDomain::TYPE,
    #[cfg(feature = "organizations")]
    organizations::CfnAccount::TYPE,
    #[cfg(feature = "organizations")]
    organizations::CfnOrganization::TYPE,
    #[cfg(feature = "organizations")]
    organizations::CfnOrganizationalUnit::TYPE,
    #[cfg(feature = "organizations")]
    organizations::CfnPolicy::TYPE,
    #[cfg(feature = "organizations")]
    organizations::CfnResourcePolicy::TYPE,
    #[cfg(feature = "outposts")]
    outposts::CfnOutpost::TYPE,
    #[cfg(feature = "outposts")]
    outposts::CfnSite::TYPE,
    #[cfg(feature = "pca_connector_ad")]
    pca_connector_ad::CfnConnector::TYPE,
    #[cfg(feature = "pca_connector_ad")]
    pca_connector_ad::CfnDirectoryRegistration::TYPE,
    #[cfg(feature = "pca_connector_ad")]
    pca_connector_ad::CfnServicePrincipalName::TYPE,
    #[cfg(feature = "pca_connector_ad")]
    pca_connector_ad::CfnTemplate::TYPE,
    #[cfg(feature = "pca_connector_ad")]
    pca_connector_ad::CfnTemplateGroupAccessControlEntry::TYPE,
    #[cfg(feature = "pca_connector_scep")]
    pca_connector_scep::CfnChallenge::TYPE,
    #[cfg(feature = "pca_connector_scep")]
    pca_connector_scep::CfnConnector::TYPE,
    #[cfg(feature = "pcs")]
    pcs::CfnCluster::TYPE,
    #[cfg(feature = "pcs")]
    pcs::CfnComputeNodeGroup::TYPE,
    #[cfg(feature = "pcs")]
    pcs::CfnQueue::TYPE,
    #[cfg(feature = "pi")]
    pi::CfnPerfReports::TYPE,
    #[cfg(feature = "panorama")]
    panorama::CfnApplicationInstance::TYPE,
    #[cfg(feature = "panorama")]
    panorama::CfnPackage::TYPE,
    #[cfg(feature = "panorama")]
    panorama::CfnPackageVersion::TYPE,
    #[cfg(feature = "payment_cryptography")]
    payment_cryptography::CfnAlias::TYPE,
    #[cfg(feature = "payment_cryptography")]
    payment_cryptography::CfnKey::TYPE,
    #[cfg(feature = "personalize")]
    personalize::CfnCampaign::TYPE,
    #[cfg(feature = "personalize")]
    personalize::CfnDataset::TYPE,
    #[cfg(feature = "personalize")]
    personalize::CfnDatasetGroup::TYPE,
    #[cfg(feature = "personalize")]
    personalize::CfnEventTracker::TYPE,
    #[cfg(feature = "personalize")]
    personalize::CfnFilter::TYPE,
    #[cfg(feature = "personalize")]
    personalize::CfnMetricAttribution::TYPE,
    #[cfg(feature = "personalize")]
    personalize::CfnSchema::TYPE,
    #[cfg(feature = "personalize")]
    personalize::CfnSolution::TYPE,
    #[cfg(feature = "pinpoint")]
    pinpoint::CfnAdmChannel::TYPE,
    #[cfg(feature = "pinpoint")]
    pinpoint::CfnApnsChannel::TYPE,
    #[cfg(feature = "pinpoint")]
    pinpoint::CfnApnsSandboxChannel::TYPE,
    #[cfg(feature = "pinpoint")]
    pinpoint::CfnApnsVoipChannel::TYPE,
    #[cfg(feature = "pinpoint")]
    pinpoint::CfnApnsVoipSandboxChannel::TYPE,
    #[cfg(feature = "pinpoint")]
    pinpoint::CfnApp::TYPE,
    #[cfg(feature = "pinpoint")]
    pinpoint::CfnApplicationSettings::TYPE,
    #[cfg(feature = "pinpoint")]
    pinpoint::CfnBaiduChannel::TYPE,
    #[cfg(feature = "pinpoint")]
    pinpoint::CfnCampaign::TYPE,
    #[cfg(feature = "pinpoint")]
    pinpoint::CfnEmailChannel::TYPE,
    #[cfg(feature = "pinpoint")]
    pinpoint::CfnEmailTemplate::TYPE,
    #[cfg(feature = "pinpoint")]
    pinpoint::CfnEventStream::TYPE,
    #[cfg(feature = "pinpoint")]
    pinpoint::CfnGcmChannel::TYPE,
    #[cfg(feature = "pinpoint")]
    pinpoint::CfnInAppTemplate::TYPE,
    #[cfg(feature = "pinpoint")]
    pinpoint::CfnPushTemplate::TYPE,
    #[cfg(feature = "pinpoint")]
    pinpoint::CfnSmsChannel::TYPE,
    #[cfg(feature = "pinpoint")]
    pinpoint::CfnSegment::TYPE,
    #[cfg(feature = "pinpoint")]
    pinpoint::CfnSmsTemplate::TYPE,
    #[cfg(feature = "pinpoint")]
    pinpoint::CfnVoiceChannel::TYPE,
    #[cfg(feature = "pinpoint_email")]
    pinpoint_email::CfnConfigurationSet::TYPE,
    #[cfg(feature = "pinpoint_email")]
    pinpoint_email::CfnConfigurationSetEventDestination::TYPE,
    #[cfg(feature = "pinpoint_email")]
    pinpoint_email::CfnDedicatedIpPool::TYPE,
    #[cfg(feature = "pinpoint_email")]
    pinpoint_email::CfnIdentity::TYPE,
    #[cfg(feature = "pipes")]
    pipes::CfnPipe::TYPE,
    #[cfg(feature = "polly")]
    polly::CfnLexicon::TYPE,
    #[cfg(feature = "pricing_plan_manager")]
    pricing_plan_manager::CfnSubscription::TYPE,
    #[cfg(feature = "proton")]
    proton::CfnEnvironmentAccountConnection::TYPE,
    #[cfg(feature = "proton")]
    proton::CfnEnvironmentTemplate::TYPE,
    #[cfg(feature = "proton")]
    proton::CfnServiceTemplate::TYPE,
    #[cfg(feature = "q_business")]
    q_business::CfnApplication::TYPE,
    #[cfg(feature = "q_business")]
    q_business::CfnDataAccessor::TYPE,
    #[cfg(feature = "q_business")]
    q_business::CfnDataSource::TYPE,
    #[cfg(feature = "q_business")]
    q_business::CfnIndex::TYPE,
    #[cfg(feature = "q_business")]
    q_business::CfnPermission::TYPE,
    #[cfg(feature = "q_business")]
    q_business::CfnPlugin::TYPE,
    #[cfg(feature = "q_business")]
    q_business::CfnRetriever::TYPE,
    #[cfg(feature = "q_business")]
    q_business::CfnWebExperience::TYPE,
    #[cfg(feature = "qldb")]
    qldb::CfnLedger::TYPE,
    #[cfg(feature = "qldb")]
    qldb::CfnStream::TYPE,
    #[cfg(feature = "quick_sight")]
    quick_sight::CfnActionConnector::TYPE,
    #[cfg(feature = "quick_sight")]
    quick_sight::CfnAgent::TYPE,
    #[cfg(feature = "quick_sight")]
    quick_sight::CfnAnalysis::TYPE,
    #[cfg(feature = "quick_sight")]
    quick_sight::CfnApprovalPolicy::TYPE,
    #[cfg(feature = "quick_sight")]
    quick_sight::CfnAssignment::TYPE,
    #[cfg(feature = "quick_sight")]
    quick_sight::CfnBrand::TYPE,
    #[cfg(feature = "quick_sight")]
    quick_sight::CfnCustomPermissions::TYPE,
    #[cfg(feature = "quick_sight")]
    quick_sight::CfnCustomization::TYPE,
    #[cfg(feature = "quick_sight")]
    quick_sight::CfnDlpSetting::TYPE,
    #[cfg(feature = "quick_sight")]
    quick_sight::CfnDashboard::TYPE,
    #[cfg(feature = "quick_sight")]
    quick_sight::CfnDataSet::TYPE,
    #[cfg(feature = "quick_sight")]
    quick_sight::CfnDataSource::TYPE,
    #[cfg(feature = "quick_sight")]
    quick_sight::CfnFlow::TYPE,
    #[cfg(feature = "quick_sight")]
    quick_sight::CfnFolder::TYPE,
    #[cfg(feature = "quick_sight")]
    quick_sight::CfnGroup::TYPE,
    #[cfg(feature = "quick_sight")]
    quick_sight::CfnKnowledgeBase::TYPE,
    #[cfg(feature = "quick_sight")]
    quick_sight::CfnLimitsProfile::TYPE,
    #[cfg(feature = "quick_sight")]
    quick_sight::CfnOAuthClientApplication::TYPE,
    #[cfg(feature = "quick_sight")]
    quick_sight::CfnRefreshSchedule::TYPE,
    #[cfg(feature = "quick_sight")]
    quick_sight::CfnSpace::TYPE,
    #[cfg(feature = "quick_sight")]
    quick_sight::CfnTemplate::TYPE,
    #[cfg(feature = "quick_sight")]
    quick_sight::CfnTheme::TYPE,
    #[cfg(feature = "quick_sight")]
    quick_sight::CfnTopic::TYPE,
    #[cfg(feature = "quick_sight")]
    quick_sight::CfnTopicV2::TYPE,
    #[cfg(feature = "quick_sight")]
    quick_sight::CfnVpcConnection::TYPE,
    #[cfg(feature = "ram")]
    ram::CfnPermission::TYPE,
    #[cfg(feature = "ram")]
    ram::CfnPermissionAssociation::TYPE,
    #[cfg(feature = "ram")]
    ram::CfnPrincipalAssociation::TYPE,
    #[cfg(feature = "ram")]
    ram::CfnResourceAssociation::TYPE,
    #[cfg(feature = "ram")]
    ram::CfnResourceShare::TYPE,
    #[cfg(feature = "ram")]
    ram::CfnSourceAssociation::TYPE,
    #[cfg(feature = "rds")]
    rds::CfnClusterSnapshot::TYPE,
    #[cfg(feature = "rds")]
    rds::CfnCustomDbEngineVersion::TYPE,
    #[cfg(feature = "rds")]
    rds::CfnDbCluster::TYPE,
    #[cfg(feature = "rds")]
    rds::CfnDbClusterEndpoint::TYPE,
    #[cfg(feature = "rds")]
    rds::CfnDbClusterParameterGroup::TYPE,
    #[cfg(feature = "rds")]
    rds::CfnDbInstance::TYPE,
    #[cfg(feature = "rds")]
    rds::CfnDbParameterGroup::TYPE,
    #[cfg(feature = "rds")]
    rds::CfnDbProxy::TYPE,
    #[cfg(feature = "rds")]
    rds::CfnDbProxyEndpoint::TYPE,
    #[cfg(feature = "rds")]
    rds::CfnDbProxyTargetGroup::TYPE,
    #[cfg(feature = "rds")]
    rds::CfnDbSecurityGroup::TYPE,
    #[cfg(feature = "rds")]
    rds::CfnDbSecurityGroupIngress::TYPE,
    #[cfg(feature = "rds")]
    rds::CfnDbShardGroup::TYPE,
    #[cfg(feature = "rds")]
    rds::CfnDbSnapshot::TYPE,
    #[cfg(feature = "rds")]
    rds::CfnDbSubnetGroup::TYPE,
    #[cfg(feature = "rds")]
    rds::CfnDeployment::TYPE,
    #[cfg(feature = "rds")]
    rds::CfnEventSubscription::TYPE,
    #[cfg(feature = "rds")]
    rds::CfnGlobalCluster::TYPE,
    #[cfg(feature = "rds")]
    rds::CfnIntegration::TYPE,
    #[cfg(feature = "rds")]
    rds::CfnOptionGroup::TYPE,
    #[cfg(feature = "rtb_fabric")]
    rtb_fabric::CfnInboundExternalLink::TYPE,
    #[cfg(feature = "rtb_fabric")]
    rtb_fabric::CfnLink::TYPE,
    #[cfg(feature = "rtb_fabric")]
    rtb_fabric::CfnLinkRoutingRule::TYPE,
    #[cfg(feature = "rtb_fabric")]
    rtb_fabric::CfnOutboundExternalLink::TYPE,
    #[cfg(feature = "rtb_fabric")]
    rtb_fabric::CfnRequesterGateway::TYPE,
    #[cfg(feature = "rtb_fabric")]
    rtb_fabric::CfnResponderGateway::TYPE,
    #[cfg(feature = "rum")]
    rum::CfnAppMonitor::TYPE,
    #[cfg(feature = "rbin")]
    rbin::CfnRule::TYPE,
    #[cfg(feature = "redshift")]
    redshift::CfnCluster::TYPE,
    #[cfg(feature = "redshift")]
    redshift::CfnClusterParameterGroup::TYPE,
    #[cfg(feature = "redshift")]
    redshift::CfnClusterSecurityGroup::TYPE,
    #[cfg(feature = "redshift")]
    redshift::CfnClusterSecurityGroupIngress::TYPE,
    #[cfg(feature = "redshift")]
    redshift::CfnClusterSubnetGroup::TYPE,
    #[cfg(feature = "redshift")]
    redshift::CfnEndpointAccess::TYPE,
    #[cfg(feature = "redshift")]
    redshift::CfnEndpointAuthorization::TYPE,
    #[cfg(feature = "redshift")]
    redshift::CfnEventSubscription::TYPE,
    #[cfg(feature = "redshift")]
    redshift::CfnIntegration::TYPE,
    #[cfg(feature = "redshift")]
    redshift::CfnQev2IdcApplication::TYPE,
    #[cfg(feature = "redshift")]
    redshift::CfnRedshiftIdcApplication::TYPE,
    #[cfg(feature = "redshift")]
    redshift::CfnScheduledAction::TYPE,
    #[cfg(feature = "redshift")]
    redshift::CfnSnapshot::TYPE,
    #[cfg(feature = "redshift")]
    redshift::CfnSnapshotCopyGrant::TYPE,
    #[cfg(feature = "redshift")]
    redshift::CfnSnapshotSchedule::TYPE,
    #[cfg(feature = "redshift")]
    redshift::CfnUsageLimit::TYPE,
    #[cfg(feature = "redshift_serverless")]
    redshift_serverless::CfnNamespace::TYPE,
    #[cfg(feature = "redshift_serverless")]
    redshift_serverless::CfnSnapshot::TYPE,
    #[cfg(feature = "redshift_serverless")]
    redshift_serverless::CfnWorkgroup::TYPE,
    #[cfg(feature = "refactor_spaces")]
    refactor_spaces::CfnApplication::TYPE,
    #[cfg(feature = "refactor_spaces")]
    refactor_spaces::CfnEnvironment::TYPE,
    #[cfg(feature = "refactor_spaces")]
    refactor_spaces::CfnRoute::TYPE,
    #[cfg(feature = "refactor_spaces")]
    refactor_spaces::CfnService::TYPE,
    #[cfg(feature = "rekognition")]
    rekognition::CfnCollection::TYPE,
    #[cfg(feature = "rekognition")]
    rekognition::CfnDataset::TYPE,
    #[cfg(feature = "rekognition")]
    rekognition::CfnProject::TYPE,
    #[cfg(feature = "rekognition")]
    rekognition::CfnStreamProcessor::TYPE,
    #[cfg(feature = "resilience_hub")]
    resilience_hub::CfnApp::TYPE,
    #[cfg(feature = "resilience_hub")]
    resilience_hub::CfnResiliencyPolicy::TYPE,
    #[cfg(feature = "resilience_hub_v2")]
    resilience_hub_v2::CfnPolicy::TYPE,
    #[cfg(feature = "resilience_hub_v2")]
    resilience_hub_v2::CfnService::TYPE,
    #[cfg(feature = "resilience_hub_v2")]
    resilience_hub_v2::CfnServiceFunction::TYPE,
    #[cfg(feature = "resilience_hub_v2")]
    resilience_hub_v2::CfnSystem::TYPE,
    #[cfg(feature = "resilience_hub_v2")]
    resilience_hub_v2::CfnUserJourney::TYPE,
    #[cfg(feature = "resource_explorer2")]
    resource_explorer2::CfnDefaultViewAssociation::TYPE,
    #[cfg(feature = "resource_explorer2")]
    resource_explorer2::CfnIndex::TYPE,
    #[cfg(feature = "resource_explorer2")]
    resource_explorer2::CfnView::TYPE,
    #[cfg(feature = "resource_groups")]
    resource_groups::CfnGroup::TYPE,
    #[cfg(feature = "resource_groups")]
    resource_groups::CfnTagSyncTask::TYPE,
    #[cfg(feature = "robo_maker")]
    robo_maker::CfnFleet::TYPE,
    #[cfg(feature = "robo_maker")]
    robo_maker::CfnRobot::TYPE,
    #[cfg(feature = "robo_maker")]
    robo_maker::CfnRobotApplication::TYPE,
    #[cfg(feature = "robo_maker")]
    robo_maker::CfnRobotApplicationVersion::TYPE,
    #[cfg(feature = "robo_maker")]
    robo_maker::CfnSimulationApplication::TYPE,
    #[cfg(feature = "robo_maker")]
    robo_maker::CfnSimulationApplicationVersion::TYPE,
    #[cfg(feature = "roles_anywhere")]
    roles_anywhere::CfnCrl::TYPE,
    #[cfg(feature = "roles_anywhere")]
    roles_anywhere::CfnProfile::TYPE,
    #[cfg(feature = "roles_anywhere")]
    roles_anywhere::CfnTrustAnchor::TYPE,
    #[cfg(feature = "route53")]
    route53::CfnCidrCollection::TYPE,
    #[cfg(feature = "route53")]
    route53::CfnDnssec::TYPE,
    #[cfg(feature = "route53")]
    route53::CfnDelegationSet::TYPE,
    #[cfg(feature = "route53")]
    route53::CfnHealthCheck::TYPE,
    #[cfg(feature = "route53")]
    route53::CfnHostedZone::TYPE,
    #[cfg(feature = "route53")]
    route53::CfnKeySigningKey::TYPE,
    #[cfg(feature = "route53")]
    route53::CfnQueryLoggingConfig::TYPE,
    #[cfg(feature = "route53")]
    route53::CfnRecordSet::TYPE,
    #[cfg(feature = "route53")]
    route53::CfnRecordSetGroup::TYPE,
    #[cfg(feature = "route53")]
    route53::CfnTrafficPolicy::TYPE,
    #[cfg(feature = "route53")]
    route53::CfnTrafficPolicyInstance::TYPE,
    #[cfg(feature = "route53_global_resolver")]
    route53_global_resolver::CfnAccessSource::TYPE,
    #[cfg(feature = "route53_global_resolver")]
    route53_global_resolver::CfnAccessToken::TYPE,
    #[cfg(feature = "route53_global_resolver")]
    route53_global_resolver::CfnDnsView::TYPE,
    #[cfg(feature = "route53_global_resolver")]
    route53_global_resolver::CfnFirewallDomainList::TYPE,
    #[cfg(feature = "route53_global_resolver")]
    route53_global_resolver::CfnFirewallRule::TYPE,
    #[cfg(feature = "route53_global_resolver")]
    route53_global_resolver::CfnGlobalResolver::TYPE,
    #[cfg(feature = "route53_global_resolver")]
    route53_global_resolver::CfnHostedZoneAssociation::TYPE,
    #[cfg(feature = "route53_profiles")]
    route53_profiles::CfnProfile::TYPE,
    #[cfg(feature = "route53_profiles")]
    route53_profiles::CfnProfileAssociation::TYPE,
    #[cfg(feature = "route53_profiles")]
    route53_profiles::CfnProfileResourceAssociation::TYPE,
    #[cfg(feature = "route53_recovery_control")]
    route53_recovery_control::CfnCluster::TYPE,
    #[cfg(feature = "route53_recovery_control")]
    route53_recovery_control::CfnControlPanel::TYPE,
    #[cfg(feature = "route53_recovery_control")]
    route53_recovery_control::CfnRoutingControl::TYPE,
    #[cfg(feature = "route53_recovery_control")]
    route53_recovery_control::CfnSafetyRule::TYPE,
    #[cfg(feature = "route53_recovery_readiness")]
    route53_recovery_readiness::CfnCell::TYPE,
    #[cfg(feature = "route53_recovery_readiness")]
    route53_recovery_readiness::CfnReadinessCheck::TYPE,
    #[cfg(feature = "route53_recovery_readiness")]
    route53_recovery_readiness::CfnRecoveryGroup::TYPE,
    #[cfg(feature = "route53_recovery_readiness")]
    route53_recovery_readiness::CfnResourceSet::TYPE,
    #[cfg(feature = "route53_resolver")]
    route53_resolver::CfnFirewallDomainList::TYPE,
    #[cfg(feature = "route53_resolver")]
    route53_resolver::CfnFirewallRuleGroup::TYPE,
    #[cfg(feature = "route53_resolver")]
    route53_resolver::CfnFirewallRuleGroupAssociation::TYPE,
    #[cfg(feature = "route53_resolver")]
    route53_resolver::CfnOutpostResolver::TYPE,
    #[cfg(feature = "route53_resolver")]
    route53_resolver::CfnResolverConfig::TYPE,
    #[cfg(feature = "route53_resolver")]
    route53_resolver::CfnResolverDnssecConfig::TYPE,
    #[cfg(feature = "route53_resolver")]
    route53_resolver::CfnResolverEndpoint::TYPE,
    #[cfg(feature = "route53_resolver")]
    route53_resolver::CfnResolverQueryLoggingConfig::TYPE,
    #[cfg(feature = "route53_resolver")]
    route53_resolver::CfnResolverQueryLoggingConfigAssociation::TYPE,
    #[cfg(feature = "route53_resolver")]
    route53_resolver::CfnResolverRule::TYPE,
    #[cfg(feature = "route53_resolver")]
    route53_resolver::CfnResolverRuleAssociation::TYPE,
    #[cfg(feature = "s3")]
    s3::CfnAccessGrant::TYPE,
    #[cfg(feature = "s3")]
    s3::CfnAccessGrantsInstance::TYPE,
    #[cfg(feature = "s3")]
    s3::CfnAccessGrantsLocation::TYPE,
    #[cfg(feature = "s3")]
    s3::CfnAccessPoint::TYPE,
    #[cfg(feature = "s3")]
    s3::CfnBucket::TYPE,
    #[cfg(feature = "s3")]
    s3::CfnBucketPolicy::TYPE,
    #[cfg(feature = "s3")]
    s3::CfnMultiRegionAccessPoint::TYPE,
    #[cfg(feature = "s3")]
    s3::CfnMultiRegionAccessPointPolicy::TYPE,
    #[cfg(feature = "s3")]
    s3::CfnStorageLens::TYPE,
    #[cfg(feature = "s3")]
    s3::CfnStorageLensGroup::TYPE,
    #[cfg(feature = "s3_express")]
    s3_express::CfnAccessPoint::TYPE,
    #[cfg(feature = "s3_express")]
    s3_express::CfnBucketPolicy::TYPE,
    #[cfg(feature = "s3_express")]
    s3_express::CfnDirectoryBucket::TYPE,
    #[cfg(feature = "s3_files")]
    s3_files::CfnAccessPoint::TYPE,
    #[cfg(feature = "s3_files")]
    s3_files::CfnFileSystem::TYPE,
    #[cfg(feature = "s3_files")]
    s3_files::CfnFileSystemPolicy::TYPE,
    #[cfg(feature = "s3_files")]
    s3_files::CfnMountTarget::TYPE,
    #[cfg(feature = "s3_object_lambda")]
    s3_object_lambda::CfnAccessPoint::TYPE,
    #[cfg(feature = "s3_object_lambda")]
    s3_object_lambda::CfnAccessPointPolicy::TYPE,
    #[cfg(feature = "s3_outposts")]
    s3_outposts::CfnAccessPoint::TYPE,
    #[cfg(feature = "s3_outposts")]
    s3_outposts::CfnBucket::TYPE,
    #[cfg(feature = "s3_outposts")]
    s3_outposts::CfnBucketPolicy::TYPE,
    #[cfg(feature = "s3_outposts")]
    s3_outposts::CfnEndpoint::TYPE,
    #[cfg(feature = "s3_tables")]
    s3_tables::CfnNamespace::TYPE,
    #[cfg(feature = "s3_tables")]
    s3_tables::CfnTable::TYPE,
    #[cfg(feature = "s3_tables")]
    s3_tables::CfnTableBucket::TYPE,
    #[cfg(feature = "s3_tables")]
    s3_tables::CfnTableBucketPolicy::TYPE,
    #[cfg(feature = "s3_tables")]
    s3_tables::CfnTablePolicy::TYPE,
    #[cfg(feature = "s3_vectors")]
    s3_vectors::CfnIndex::TYPE,
    #[cfg(feature = "s3_vectors")]
    s3_vectors::CfnVectorBucket::TYPE,
    #[cfg(feature = "s3_vectors")]
    s3_vectors::CfnVectorBucketPolicy::TYPE,
    #[cfg(feature = "scn")]
    scn::CfnDataIntegrationFlow::TYPE,
    #[cfg(feature = "scn")]
    scn::CfnDataset::TYPE,
    #[cfg(feature = "scn")]
    scn::CfnInstance::TYPE,
    #[cfg(feature = "scn")]
    scn::CfnNamespace::TYPE,
    #[cfg(feature = "sdb")]
    sdb::CfnDomain::TYPE,
    #[cfg(feature = "ses")]
    ses::CfnConfigurationSet::TYPE,
    #[cfg(feature = "ses")]
    ses::CfnConfigurationSetEventDestination::TYPE,
    #[cfg(feature = "ses")]
    ses::CfnContactList::TYPE,
    #[cfg(feature = "ses")]
    ses::CfnCustomVerificationEmailTemplate::TYPE,
    #[cfg(feature = "ses")]
    ses::CfnDedicatedIpPool::TYPE,
    #[cfg(feature = "ses")]
    ses::CfnEmailIdentity::TYPE,
    #[cfg(feature = "ses")]
    ses::CfnEmailIdentityCertificate::TYPE,
    #[cfg(feature = "ses")]
    ses::CfnMailManagerAddonInstance::TYPE,
    #[cfg(feature = "ses")]
    ses::CfnMailManagerAddonSubscription::TYPE,
    #[cfg(feature = "ses")]
    ses::CfnMailManagerAddressList::TYPE,
    #[cfg(feature = "ses")]
    ses::CfnMailManagerArchive::TYPE,
    #[cfg(feature = "ses")]
    ses::CfnMailManagerIngressPoint::TYPE,
    #[cfg(feature = "ses")]
    ses::CfnMailManagerRelay::TYPE,
    #[cfg(feature = "ses")]
    ses::CfnMailManagerRuleSet::TYPE,
    #[cfg(feature = "ses")]
    ses::CfnMailManagerTrafficPolicy::TYPE,
    #[cfg(feature = "ses")]
    ses::CfnMultiRegionEndpoint::TYPE,
    #[cfg(feature = "ses")]
    ses::CfnReceiptFilter::TYPE,
    #[cfg(feature = "ses")]
    ses::CfnReceiptRule::TYPE,
    #[cfg(feature = "ses")]
    ses::CfnReceiptRuleSet::TYPE,
    #[cfg(feature = "ses")]
    ses::CfnTemplate::TYPE,
    #[cfg(feature = "ses")]
    ses::CfnTenant::TYPE,
    #[cfg(feature = "ses")]
    ses::CfnVdmAttributes::TYPE,
    #[cfg(feature = "smsvoice")]
    smsvoice::CfnConfigurationSet::TYPE,
    #[cfg(feature = "smsvoice")]
    smsvoice::CfnNotifyConfiguration::TYPE,
    #[cfg(feature = "smsvoice")]
    smsvoice::CfnOptOutList::TYPE,
    #[cfg(feature = "smsvoice")]
    smsvoice::CfnPhoneNumber::TYPE,
    #[cfg(feature = "smsvoice")]
    smsvoice::CfnPool::TYPE,
    #[cfg(feature = "smsvoice")]
    smsvoice::CfnProtectConfiguration::TYPE,
    #[cfg(feature = "smsvoice")]
    smsvoice::CfnRcsAgent::TYPE,
    #[cfg(feature = "smsvoice")]
    smsvoice::CfnRegistration::TYPE,
    #[cfg(feature = "smsvoice")]
    smsvoice::CfnRegistrationAttachment::TYPE,
    #[cfg(feature = "smsvoice")]
    smsvoice::CfnResourcePolicy::TYPE,
    #[cfg(feature = "smsvoice")]
    smsvoice::CfnSenderId::TYPE,
    #[cfg(feature = "smsvoice")]
    smsvoice::CfnVerifiedDestinationNumber::TYPE,
    #[cfg(feature = "sns")]
    sns::CfnSubscription::TYPE,
    #[cfg(feature = "sns")]
    sns::CfnTopic::TYPE,
    #[cfg(feature = "sns")]
    sns::CfnTopicInlinePolicy::TYPE,
    #[cfg(feature = "sns")]
    sns::CfnTopicPolicy::TYPE,
    #[cfg(feature = "sqs")]
    sqs::CfnQueue::TYPE,
    #[cfg(feature = "sqs")]
    sqs::CfnQueueInlinePolicy::TYPE,
    #[cfg(feature = "sqs")]
    sqs::CfnQueuePolicy::TYPE,
    #[cfg(feature = "ssm")]
    ssm::CfnAssociation::TYPE,
    #[cfg(feature = "ssm")]
    ssm::CfnCloudConnector::TYPE,
    #[cfg(feature = "ssm")]
    ssm::CfnDocument::TYPE,
    #[cfg(feature = "ssm")]
    ssm::CfnMaintenanceWindow::TYPE,
    #[cfg(feature = "ssm")]
    ssm::CfnMaintenanceWindowTarget::TYPE,
    #[cfg(feature = "ssm")]
    ssm::CfnMaintenanceWindowTask::TYPE,
    #[cfg(feature = "ssm")]
    ssm::CfnOpsItem::TYPE,
    #[cfg(feature = "ssm")]
    ssm::CfnParameter::TYPE,
    #[cfg(feature = "ssm")]
    ssm::CfnPatchBaseline::TYPE,
    #[cfg(feature = "ssm")]
    ssm::CfnResourceDataSync::TYPE,
    #[cfg(feature = "ssm")]
    ssm::CfnResourcePolicy::TYPE,
    #[cfg(feature = "ssm")]
    ssm::CfnServiceSetting::TYPE,
    #[cfg(feature = "ssm_contacts")]
    ssm_contacts::CfnContact::TYPE,
    #[cfg(feature = "ssm_contacts")]
    ssm_contacts::CfnContactChannel::TYPE,
    #[cfg(feature = "ssm_contacts")]
    ssm_contacts::CfnPlan::TYPE,
    #[cfg(feature = "ssm_contacts")]
    ssm_contacts::CfnRotation::TYPE,
    #[cfg(feature = "ssm_gui_connect")]
    ssm_gui_connect::CfnPreferences::TYPE,
    #[cfg(feature = "ssm_incidents")]
    ssm_incidents::CfnReplicationSet::TYPE,
    #[cfg(feature = "ssm_incidents")]
    ssm_incidents::CfnResponsePlan::TYPE,
    #[cfg(feature = "ssm_quick_setup")]
    ssm_quick_setup::CfnConfigurationManager::TYPE,
    #[cfg(feature = "ssm_quick_setup")]
    ssm_quick_setup::CfnLifecycleAutomation::TYPE,
    #[cfg(feature = "sso")]
    sso::CfnApplication::TYPE,
    #[cfg(feature = "sso")]
    sso::CfnApplicationAssignment::TYPE,
    #[cfg(feature = "sso")]
    sso::CfnAssignment::TYPE,
    #[cfg(feature = "sso")]
    sso::CfnInstance::TYPE,
    #[cfg(feature = "sso")]
    sso::CfnInstanceAccessControlAttributeConfiguration::TYPE,
    #[cfg(feature = "sso")]
    sso::CfnPermissionSet::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnAiWorkloadConfig::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnAction::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnAlgorithm::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnApp::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnAppImageConfig::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnArtifact::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnCluster::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnClusterSchedulerConfig::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnCodeRepository::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnComputeQuota::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnContext::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnDataQualityJobDefinition::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnDevice::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnDeviceFleet::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnDomain::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnEndpoint::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnEndpointConfig::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnExperiment::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnExperimentTrialComponent::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnFeatureGroup::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnHub::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnHumanTaskUi::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnImage::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnImageVersion::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnInferenceComponent::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnInferenceExperiment::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnMlflowApp::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnMlflowTrackingServer::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnModel::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnModelBiasJobDefinition::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnModelCard::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnModelExplainabilityJobDefinition::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnModelPackage::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnModelPackageGroup::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnModelQualityJobDefinition::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnMonitoringSchedule::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnNotebookInstance::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnNotebookInstanceLifecycleConfig::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnPartnerApp::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnPipeline::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnProcessingJob::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnProject::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnSpace::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnStudioLifecycleConfig::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnTrialComponent::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnUserProfile::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnWorkforce::TYPE,
    #[cfg(feature = "sage_maker")]
    sage_maker::CfnWorkteam::TYPE,
    #[cfg(feature = "scheduler")]
    scheduler::CfnSchedule::TYPE,
    #[cfg(feature = "scheduler")]
    scheduler::CfnScheduleGroup::TYPE,
    #[cfg(feature = "secrets_manager")]
    secrets_manager::CfnResourcePolicy::TYPE,
    #[cfg(feature = "secrets_manager")]
    secrets_manager::CfnRotationSchedule::TYPE,
    #[cfg(feature = "secrets_manager")]
    secrets_manager::CfnSecret::TYPE,
    #[cfg(feature = "secrets_manager")]
    secrets_manager::CfnSecretTargetAttachment::TYPE,
    #[cfg(feature = "security_agent")]
    security_agent::CfnAgentSpace::TYPE,
    #[cfg(feature = "security_agent")]
    security_agent::CfnApplication::TYPE,
    #[cfg(feature = "security_agent")]
    security_agent::CfnArtifact::TYPE,
    #[cfg(feature = "security_agent")]
    security_agent::CfnIntegration::TYPE,
    #[cfg(feature = "security_agent")]
    security_agent::CfnPentest::TYPE,
    #[cfg(feature = "security_agent")]
    security_agent::CfnSecurityRequirementPack::TYPE,
    #[cfg(feature = "security_agent")]
    security_agent::CfnTargetDomain::TYPE,
    #[cfg(feature = "security_hub")]
    security_hub::CfnActionTarget::TYPE,
    #[cfg(feature = "security_hub")]
    security_hub::CfnAggregatorV2::TYPE,
    #[cfg(feature = "security_hub")]
    security_hub::CfnAutomationRule::TYPE,
    #[cfg(feature = "security_hub")]
    security_hub::CfnAutomationRuleV2::TYPE,
    #[cfg(feature = "security_hub")]
    security_hub::CfnConfigurationPolicy::TYPE,
    #[cfg(feature = "security_hub")]
    security_hub::CfnConnector::TYPE,
    #[cfg(feature = "security_hub")]
    security_hub::CfnConnectorV2::TYPE,
    #[cfg(feature = "security_hub")]
    security_hub::CfnDelegatedAdmin::TYPE,
    #[cfg(feature = "security_hub")]
    security_hub::CfnFindingAggregator::TYPE,
    #[cfg(feature = "security_hub")]
    security_hub::CfnHub::TYPE,
    #[cfg(feature = "security_hub")]
    security_hub::CfnHubV2::TYPE,
    #[cfg(feature = "security_hub")]
    security_hub::CfnInsight::TYPE,
    #[cfg(feature = "security_hub")]
    security_hub::CfnOrganizationConfiguration::TYPE,
    #[cfg(feature = "security_hub")]
    security_hub::CfnPolicyAssociation::TYPE,
    #[cfg(feature = "security_hub")]
    security_hub::CfnProductSubscription::TYPE,
    #[cfg(feature = "security_hub")]
    security_hub::CfnSecurityControl::TYPE,
    #[cfg(feature = "security_hub")]
    security_hub::CfnStandard::TYPE,
    #[cfg(feature = "security_lake")]
    security_lake::CfnAwsLogSource::TYPE,
    #[cfg(feature = "security_lake")]
    security_lake::CfnDataLake::TYPE,
    #[cfg(feature = "security_lake")]
    security_lake::CfnSubscriber::TYPE,
    #[cfg(feature = "security_lake")]
    security_lake::CfnSubscriberNotification::TYPE,
    #[cfg(feature = "serverless_repo")]
    serverless_repo::CfnApplication::TYPE,
    #[cfg(feature = "service_catalog")]
    service_catalog::CfnAcceptedPortfolioShare::TYPE,
    #[cfg(feature = "service_catalog")]
    service_catalog::CfnCloudFormationProduct::TYPE,
    #[cfg(feature = "service_catalog")]
    service_catalog::CfnCloudFormationProvisionedProduct::TYPE,
    #[cfg(feature = "service_catalog")]
    service_catalog::CfnLaunchNotificationConstraint::TYPE,
    #[cfg(feature = "service_catalog")]
    service_catalog::CfnLaunchRoleConstraint::TYPE,
    #[cfg(feature = "service_catalog")]
    service_catalog::CfnLaunchTemplateConstraint::TYPE,
    #[cfg(feature = "service_catalog")]
    service_catalog::CfnPortfolio::TYPE,
    #[cfg(feature = "service_catalog")]
    service_catalog::CfnPortfolioPrincipalAssociation::TYPE,
    #[cfg(feature = "service_catalog")]
    service_catalog::CfnPortfolioProductAssociation::TYPE,
    #[cfg(feature = "service_catalog")]
    service_catalog::CfnPortfolioShare::TYPE,
    #[cfg(feature = "service_catalog")]
    service_catalog::CfnResourceUpdateConstraint::TYPE,
    #[cfg(feature = "service_catalog")]
    service_catalog::CfnServiceAction::TYPE,
    #[cfg(feature = "service_catalog")]
    service_catalog::CfnServiceActionAssociation::TYPE,
    #[cfg(feature = "service_catalog")]
    service_catalog::CfnStackSetConstraint::TYPE,
    #[cfg(feature = "service_catalog")]
    service_catalog::CfnTagOption::TYPE,
    #[cfg(feature = "service_catalog")]
    service_catalog::CfnTagOptionAssociation::TYPE,
    #[cfg(feature = "service_catalog_app_registry")]
    service_catalog_app_registry::CfnApplication::TYPE,
    #[cfg(feature = "service_catalog_app_registry")]
    service_catalog_app_registry::CfnAttributeGroup::TYPE,
    #[cfg(feature = "service_catalog_app_registry")]
    service_catalog_app_registry::CfnAttributeGroupAssociation::TYPE,
    #[cfg(feature = "service_catalog_app_registry")]
    service_catalog_app_registry::CfnResourceAssociation::TYPE,
    #[cfg(feature = "service_discovery")]
    service_discovery::CfnHttpNamespace::TYPE,
    #[cfg(feature = "service_discovery")]
    service_discovery::CfnInstance::TYPE,
    #[cfg(feature = "service_discovery")]
    service_discovery::CfnPrivateDnsNamespace::TYPE,
    #[cfg(feature = "service_discovery")]
    service_discovery::CfnPublicDnsNamespace::TYPE,
    #[cfg(feature = "service_discovery")]
    service_discovery::CfnService::TYPE,
    #[cfg(feature = "shield")]
    shield::CfnDrtAccess::TYPE,
    #[cfg(feature = "shield")]
    shield::CfnProactiveEngagement::TYPE,
    #[cfg(feature = "shield")]
    shield::CfnProtection::TYPE,
    #[cfg(feature = "shield")]
    shield::CfnProtectionGroup::TYPE,
    #[cfg(feature = "signer")]
    signer::CfnProfilePermission::TYPE,
    #[cfg(feature = "signer")]
    signer::CfnSigningProfile::TYPE,
    #[cfg(feature = "sim_space_weaver")]
    sim_space_weaver::CfnSimulation::TYPE,
    #[cfg(feature = "step_functions")]
    step_functions::CfnActivity::TYPE,
    #[cfg(feature = "step_functions")]
    step_functions::CfnStateMachine::TYPE,
    #[cfg(feature = "step_functions")]
    step_functions::CfnStateMachineAlias::TYPE,
    #[cfg(feature = "step_functions")]
    step_functions::CfnStateMachineVersion::TYPE,
    #[cfg(feature = "storage_gateway")]
    storage_gateway::CfnNfsFileShare::TYPE,
    #[cfg(feature = "storage_gateway")]
    storage_gateway::CfnSmbFileShare::TYPE,
    #[cfg(feature = "storage_gateway")]
    storage_gateway::CfnTape::TYPE,
    #[cfg(feature = "storage_gateway")]
    storage_gateway::CfnTapePool::TYPE,
    #[cfg(feature = "storage_gateway")]
    storage_gateway::CfnVolume::TYPE,
    #[cfg(feature = "support_app")]
    support_app::CfnAccountAlias::TYPE,
    #[cfg(feature = "support_app")]
    support_app::CfnSlackChannelConfiguration::TYPE,
    #[cfg(feature = "support_app")]
    support_app::CfnSlackWorkspaceConfiguration::TYPE,
    #[cfg(feature = "support_auth_z")]
    support_auth_z::CfnSupportPermit::TYPE,
    #[cfg(feature = "synthetics")]
    synthetics::CfnCanary::TYPE,
    #[cfg(feature = "synthetics")]
    synthetics::CfnGroup::TYPE,
    #[cfg(feature = "systems_manager_sap")]
    systems_manager_sap::CfnApplication::TYPE,
    #[cfg(feature = "textract")]
    textract::CfnAdapter::TYPE,
    #[cfg(feature = "timestream")]
    timestream::CfnDatabase::TYPE,
    #[cfg(feature = "timestream")]
    timestream::CfnInfluxDbBackup::TYPE,
    #[cfg(feature = "timestream")]
    timestream::CfnInfluxDbCluster::TYPE,
    #[cfg(feature = "timestream")]
    timestream::CfnInfluxDbInstance::TYPE,
    #[cfg(feature = "timestream")]
    timestream::CfnScheduledQuery::TYPE,
    #[cfg(feature = "timestream")]
    timestream::CfnTable::TYPE,
    #[cfg(feature = "transcribe")]
    transcribe::CfnCallAnalyticsCategory::TYPE,
    #[cfg(feature = "transcribe")]
    transcribe::CfnMedicalVocabulary::TYPE,
    #[cfg(feature = "transcribe")]
    transcribe::CfnVocabulary::TYPE,
    #[cfg(feature = "transcribe")]
    transcribe::CfnVocabularyFilter::TYPE,
    #[cfg(feature = "transfer")]
    transfer::CfnAgreement::TYPE,
    #[cfg(feature = "transfer")]
    transfer::CfnCertificate::TYPE,
    #[cfg(feature = "transfer")]
    transfer::CfnConnector::TYPE,
    #[cfg(feature = "transfer")]
    transfer::CfnHostKey::TYPE,
    #[cfg(feature = "transfer")]
    transfer::CfnProfile::TYPE,
    #[cfg(feature = "transfer")]
    transfer::CfnServer::TYPE,
    #[cfg(feature = "transfer")]
    transfer::CfnUser::TYPE,
    #[cfg(feature = "transfer")]
    transfer::CfnWebApp::TYPE,
    #[cfg(feature = "transfer")]
    transfer::CfnWorkflow::TYPE,
    #[cfg(feature = "translate")]
    translate::CfnParallelData::TYPE,
    #[cfg(feature = "translate")]
    translate::CfnTerminology::TYPE,
    #[cfg(feature = "uxc")]
    uxc::CfnAccountCustomization::TYPE,
    #[cfg(feature = "verified_permissions")]
    verified_permissions::CfnIdentitySource::TYPE,
    #[cfg(feature = "verified_permissions")]
    verified_permissions::CfnPolicy::TYPE,
    #[cfg(feature = "verified_permissions")]
    verified_permissions::CfnPolicyStore::TYPE,
    #[cfg(feature = "verified_permissions")]
    verified_permissions::CfnPolicyStoreAlias::TYPE,
    #[cfg(feature = "verified_permissions")]
    verified_permissions::CfnPolicyTemplate::TYPE,
    #[cfg(feature = "voice_id")]
    voice_id::CfnDomain::TYPE,
    #[cfg(feature = "vpc_lattice")]
    vpc_lattice::CfnAccessLogSubscription::TYPE,
    #[cfg(feature = "vpc_lattice")]
    vpc_lattice::CfnAuthPolicy::TYPE,
    #[cfg(feature = "vpc_lattice")]
    vpc_lattice::CfnDomainVerification::TYPE,
    #[cfg(feature = "vpc_lattice")]
    vpc_lattice::CfnListener::TYPE,
    #[cfg(feature = "vpc_lattice")]
    vpc_lattice::CfnResourceConfiguration::TYPE,
    #[cfg(feature = "vpc_lattice")]
    vpc_lattice::CfnResourceGateway::TYPE,
    #[cfg(feature = "vpc_lattice")]
    vpc_lattice::CfnResourcePolicy::TYPE,
    #[cfg(feature = "vpc_lattice")]
    vpc_lattice::CfnRule::TYPE,
    #[cfg(feature = "vpc_lattice")]
    vpc_lattice::CfnService::TYPE,
    #[cfg(feature = "vpc_lattice")]
    vpc_lattice::CfnServiceNetwork::TYPE,
    #[cfg(feature = "vpc_lattice")]
    vpc_lattice::CfnServiceNetworkResourceAssociation::TYPE,
    #[cfg(feature = "vpc_lattice")]
    vpc_lattice::CfnServiceNetworkServiceAssociation::TYPE,
    #[cfg(feature = "vpc_lattice")]
    vpc_lattice::CfnServiceNetworkVpcAssociation::TYPE,
    #[cfg(feature = "vpc_lattice")]
    vpc_lattice::CfnTargetGroup::TYPE,
    #[cfg(feature = "waf")]
    waf::CfnByteMatchSet::TYPE,
    #[cfg(feature = "waf")]
    waf::CfnIpSet::TYPE,
    #[cfg(feature = "waf")]
    waf::CfnRule::TYPE,
    #[cfg(feature = "waf")]
    waf::CfnSizeConstraintSet::TYPE,
    #[cfg(feature = "waf")]
    waf::CfnSqlInjectionMatchSet::TYPE,
    #[cfg(feature = "waf")]
    waf::CfnWebAcl::TYPE,
    #[cfg(feature = "waf")]
    waf::CfnXssMatchSet::TYPE,
    #[cfg(feature = "waf_regional")]
    waf_regional::CfnByteMatchSet::TYPE,
    #[cfg(feature = "waf_regional")]
    waf_regional::CfnGeoMatchSet::TYPE,
    #[cfg(feature = "waf_regional")]
    waf_regional::CfnIpSet::TYPE,
    #[cfg(feature = "waf_regional")]
    waf_regional::CfnRateBasedRule::TYPE,
    #[cfg(feature = "waf_regional")]
    waf_regional::CfnRegexPatternSet::TYPE,
    #[cfg(feature = "waf_regional")]
    waf_regional::CfnRule::TYPE,
    #[cfg(feature = "waf_regional")]
    waf_regional::CfnSizeConstraintSet::TYPE,
    #[cfg(feature = "waf_regional")]
    waf_regional::CfnSqlInjectionMatchSet::TYPE,
    #[cfg(feature = "waf_regional")]
    waf_regional::CfnWebAcl::TYPE,
    #[cfg(feature = "waf_regional")]
    waf_regional::CfnWebAclAssociation::TYPE,
    #[cfg(feature = "waf_regional")]
    waf_regional::CfnXssMatchSet::TYPE,
    #[cfg(feature = "wa_fv2")]
    wa_fv2::CfnIpSet::TYPE,
    #[cfg(feature = "wa_fv2")]
    wa_fv2::CfnLoggingConfiguration::TYPE,
    #[cfg(feature = "wa_fv2")]
    wa_fv2::CfnRegexPatternSet::TYPE,
    #[cfg(feature = "wa_fv2")]
    wa_fv2::CfnRuleGroup::TYPE,
    #[cfg(feature = "wa_fv2")]
    wa_fv2::CfnWebAcl::TYPE,
    #[cfg(feature = "wa_fv2")]
    wa_fv2::CfnWebAclAssociation::TYPE,
    #[cfg(feature = "well_architected")]
    well_architected::CfnAgentContext::TYPE,
    #[cfg(feature = "well_architected")]
    well_architected::CfnAgentGoal::TYPE,
    #[cfg(feature = "well_architected")]
    well_architected::CfnAgentProfile::TYPE,
    #[cfg(feature = "well_architected")]
    well_architected::CfnLens::TYPE,
    #[cfg(feature = "well_architected")]
    well_architected::CfnProfile::TYPE,
    #[cfg(feature = "well_architected")]
    well_architected::CfnReviewTemplate::TYPE,
    #[cfg(feature = "well_architected")]
    well_architected::CfnWorkload::TYPE,
    #[cfg(feature = "wickr")]
    wickr::CfnNetwork::TYPE,
    #[cfg(feature = "wisdom")]
    wisdom::CfnAiAgent::TYPE,
    #[cfg(feature = "wisdom")]
    wisdom::CfnAiAgentVersion::TYPE,
    #[cfg(feature = "wisdom")]
    wisdom::CfnAiGuardrail::TYPE,
    #[cfg(feature = "wisdom")]
    wisdom::CfnAiGuardrailVersion::TYPE,
    #[cfg(feature = "wisdom")]
    wisdom::CfnAiPrompt::TYPE,
    #[cfg(feature = "wisdom")]
    wisdom::CfnAiPromptVersion::TYPE,
    #[cfg(feature = "wisdom")]
    wisdom::CfnAssistant::TYPE,
    #[cfg(feature = "wisdom")]
    wisdom::CfnAssistantAssociation::TYPE,
    #[cfg(feature = "wisdom")]
    wisdom::CfnContent::TYPE,
    #[cfg(feature = "wisdom")]
    wisdom::CfnContentAssociation::TYPE,
    #[cfg(feature = "wisdom")]
    wisdom::CfnKnowledgeBase::TYPE,
    #[cfg(feature = "wisdom")]
    wisdom::CfnMessageTemplate::TYPE,
    #[cfg(feature = "wisdom")]
    wisdom::CfnMessageTemplateVersion::TYPE,
    #[cfg(feature = "wisdom")]
    wisdom::CfnQuickResponse::TYPE,
    #[cfg(feature = "work_spaces")]
    work_spaces::CfnConnectionAlias::TYPE,
    #[cfg(feature = "work_spaces")]
    work_spaces::CfnDirectory::TYPE,
    #[cfg(feature = "work_spaces")]
    work_spaces::CfnWorkspace::TYPE,
    #[cfg(feature = "work_spaces")]
    work_spaces::CfnWorkspaceIpGroup::TYPE,
    #[cfg(feature = "work_spaces")]
    work_spaces::CfnWorkspacesPool::TYPE,
    #[cfg(feature = "work_spaces_thin_client")]
    work_spaces_thin_client::CfnEnvironment::TYPE,
    #[cfg(feature = "work_spaces_web")]
    work_spaces_web::CfnBrowserSettings::TYPE,
    #[cfg(feature = "work_spaces_web")]
    work_spaces_web::CfnDataProtectionSettings::TYPE,
    #[cfg(feature = "work_spaces_web")]
    work_spaces_web::CfnIdentityProvider::TYPE,
    #[cfg(feature = "work_spaces_web")]
    work_spaces_web::CfnIpAccessSettings::TYPE,
    #[cfg(feature = "work_spaces_web")]
    work_spaces_web::CfnNetworkSettings::TYPE,
    #[cfg(feature = "work_spaces_web")]
    work_spaces_web::CfnPortal::TYPE,
    #[cfg(feature = "work_spaces_web")]
    work_spaces_web::CfnSessionLogger::TYPE,
    #[cfg(feature = "work_spaces_web")]
    work_spaces_web::CfnTrustStore::TYPE,
    #[cfg(feature = "work_spaces_web")]
    work_spaces_web::CfnUserAccessLoggingSettings::TYPE,
    #[cfg(feature = "work_spaces_web")]
    work_spaces_web::CfnUserSettings::TYPE,
    #[cfg(feature = "workspaces_instances")]
    workspaces_instances::CfnVolume::TYPE,
    #[cfg(feature = "workspaces_instances")]
    workspaces_instances::CfnVolumeAssociation::TYPE,
    #[cfg(feature = "workspaces_instances")]
    workspaces_instances::CfnWorkspaceInstance::TYPE,
    #[cfg(feature = "x_ray")]
    x_ray::CfnGroup::TYPE,
    #[cfg(feature = "x_ray")]
    x_ray::CfnResourcePolicy::TYPE,
    #[cfg(feature = "x_ray")]
    x_ray::CfnSamplingRule::TYPE,
    #[cfg(feature = "x_ray")]
    x_ray::CfnTransactionSearchConfig::TYPE,
    #[cfg(feature = "ask")]
    ask::CfnSkill::TYPE,
];

/// The typed-resource facts of a compiled resource type, by CloudFormation
/// type name ([`metadata::metadata`] knows every type, compiled or not).
pub fn resource_type(name: &str) -> Option<&'static rcdk_core::ResourceType> {
    RESOURCE_TYPES
        .binary_search_by(|t| t.name.cmp(name))
        .ok()
        .map(|i| RESOURCE_TYPES[i])
}

/// The schema constraints of a compiled type.
#[allow(unused_variables)]
fn constraints(name: &str) -> Option<&'static str> {
    match name.split("::").nth(1)? {
        #[cfg(feature = "access_analyzer")]
        "AccessAnalyzer" => access_analyzer::constraints(name),
        #[cfg(feature = "account_access")]
        "AccountAccess" => account_access::constraints(name),
        #[cfg(feature = "acmpca")]
        "ACMPCA" => acmpca::constraints(name),
        #[cfg(feature = "agent_registry")]
        "AgentRegistry" => agent_registry::constraints(name),
        #[cfg(feature = "ai_ops")]
        "AIOps" => ai_ops::constraints(name),
        #[cfg(feature = "amazon_mq")]
        "AmazonMQ" => amazon_mq::constraints(name),
        #[cfg(feature = "amplify")]
        "Amplify" => amplify::constraints(name),
        #[cfg(feature = "amplify_ui_builder")]
        "AmplifyUIBuilder" => amplify_ui_builder::constraints(name),
        #[cfg(feature = "api_gateway")]
        "ApiGateway" => api_gateway::constraints(name),
        #[cfg(feature = "api_gateway_v2")]
        "ApiGatewayV2" => api_gateway_v2::constraints(name),
        #[cfg(feature = "app_config")]
        "AppConfig" => app_config::constraints(name),
        #[cfg(feature = "app_fabric")]
        "AppFabric" => app_fabric::constraints(name),
        #[cfg(feature = "app_flow")]
        "AppFlow" => app_flow::constraints(name),
        #[cfg(feature = "app_integrations")]
        "AppIntegrations" => app_integrations::constraints(name),
        #[cfg(feature = "app_mesh")]
        "AppMesh" => app_mesh::constraints(name),
        #[cfg(feature = "app_runner")]
        "AppRunner" => app_runner::constraints(name),
        #[cfg(feature = "app_stream")]
        "AppStream" => app_stream::constraints(name),
        #[cfg(feature = "app_sync")]
        "AppSync" => app_sync::constraints(name),
        #[cfg(feature = "app_test")]
        "AppTest" => app_test::constraints(name),
        #[cfg(feature = "application_auto_scaling")]
        "ApplicationAutoScaling" => application_auto_scaling::constraints(name),
        #[cfg(feature = "application_insights")]
        "ApplicationInsights" => application_insights::constraints(name),
        #[cfg(feature = "application_signals")]
        "ApplicationSignals" => application_signals::constraints(name),
        #[cfg(feature = "aps")]
        "APS" => aps::constraints(name),
        #[cfg(feature = "arc_region_switch")]
        "ARCRegionSwitch" => arc_region_switch::constraints(name),
        #[cfg(feature = "arc_zonal_shift")]
        "ARCZonalShift" => arc_zonal_shift::constraints(name),
        #[cfg(feature = "ask")]
        "ASK" => ask::constraints(name),
        #[cfg(feature = "athena")]
        "Athena" => athena::constraints(name),
        #[cfg(feature = "audit_manager")]
        "AuditManager" => audit_manager::constraints(name),
        #[cfg(feature = "auto_scaling")]
        "AutoScaling" => auto_scaling::constraints(name),
        #[cfg(feature = "auto_scaling_plans")]
        "AutoScalingPlans" => auto_scaling_plans::constraints(name),
        #[cfg(feature = "aws_external_anthropic")]
        "AWSExternalAnthropic" => aws_external_anthropic::constraints(name),
        #[cfg(feature = "b2bi")]
        "B2BI" => b2bi::constraints(name),
        #[cfg(feature = "backup")]
        "Backup" => backup::constraints(name),
        #[cfg(feature = "backup_gateway")]
        "BackupGateway" => backup_gateway::constraints(name),
        #[cfg(feature = "batch")]
        "Batch" => batch::constraints(name),
        #[cfg(feature = "bcm")]
        "BCM" => bcm::constraints(name),
        #[cfg(feature = "bcm_data_exports")]
        "BCMDataExports" => bcm_data_exports::constraints(name),
        #[cfg(feature = "bcm_pricing_calculator")]
        "BcmPricingCalculator" => bcm_pricing_calculator::constraints(name),
        #[cfg(feature = "bedrock")]
        "Bedrock" => bedrock::constraints(name),
        #[cfg(feature = "bedrock_agent_core")]
        "BedrockAgentCore" => bedrock_agent_core::constraints(name),
        #[cfg(feature = "bedrock_mantle")]
        "BedrockMantle" => bedrock_mantle::constraints(name),
        #[cfg(feature = "billing")]
        "Billing" => billing::constraints(name),
        #[cfg(feature = "billing_conductor")]
        "BillingConductor" => billing_conductor::constraints(name),
        #[cfg(feature = "braket")]
        "Braket" => braket::constraints(name),
        #[cfg(feature = "budgets")]
        "Budgets" => budgets::constraints(name),
        #[cfg(feature = "cases")]
        "Cases" => cases::constraints(name),
        #[cfg(feature = "cassandra")]
        "Cassandra" => cassandra::constraints(name),
        #[cfg(feature = "cdk")]
        "CDK" => cdk::constraints(name),
        #[cfg(feature = "ce")]
        "CE" => ce::constraints(name),
        #[cfg(feature = "certificate_manager")]
        "CertificateManager" => certificate_manager::constraints(name),
        #[cfg(feature = "chatbot")]
        "Chatbot" => chatbot::constraints(name),
        #[cfg(feature = "chime")]
        "Chime" => chime::constraints(name),
        #[cfg(feature = "clean_rooms")]
        "CleanRooms" => clean_rooms::constraints(name),
        #[cfg(feature = "clean_rooms_ml")]
        "CleanRoomsML" => clean_rooms_ml::constraints(name),
        #[cfg(feature = "cloud9")]
        "Cloud9" => cloud9::constraints(name),
        #[cfg(feature = "cloud_formation")]
        "CloudFormation" => cloud_formation::constraints(name),
        #[cfg(feature = "cloud_front")]
        "CloudFront" => cloud_front::constraints(name),
        #[cfg(feature = "cloud_hsm")]
        "CloudHSM" => cloud_hsm::constraints(name),
        #[cfg(feature = "cloud_trail")]
        "CloudTrail" => cloud_trail::constraints(name),
        #[cfg(feature = "cloud_watch")]
        "CloudWatch" => cloud_watch::constraints(name),
        #[cfg(feature = "code_artifact")]
        "CodeArtifact" => code_artifact::constraints(name),
        #[cfg(feature = "code_build")]
        "CodeBuild" => code_build::constraints(name),
        #[cfg(feature = "code_commit")]
        "CodeCommit" => code_commit::constraints(name),
        #[cfg(feature = "code_connections")]
        "CodeConnections" => code_connections::constraints(name),
        #[cfg(feature = "code_deploy")]
        "CodeDeploy" => code_deploy::constraints(name),
        #[cfg(feature = "code_guru_profiler")]
        "CodeGuruProfiler" => code_guru_profiler::constraints(name),
        #[cfg(feature = "code_guru_reviewer")]
        "CodeGuruReviewer" => code_guru_reviewer::constraints(name),
        #[cfg(feature = "code_pipeline")]
        "CodePipeline" => code_pipeline::constraints(name),
        #[cfg(feature = "code_star")]
        "CodeStar" => code_star::constraints(name),
        #[cfg(feature = "code_star_connections")]
        "CodeStarConnections" => code_star_connections::constraints(name),
        #[cfg(feature = "code_star_notifications")]
        "CodeStarNotifications" => code_star_notifications::constraints(name),
        #[cfg(feature = "cognito")]
        "Cognito" => cognito::constraints(name),
        #[cfg(feature = "comprehend")]
        "Comprehend" => comprehend::constraints(name),
        #[cfg(feature = "compute_optimizer")]
        "ComputeOptimizer" => compute_optimizer::constraints(name),
        #[cfg(feature = "config")]
        "Config" => config::constraints(name),
        #[cfg(feature = "connect")]
        "Connect" => connect::constraints(name),
        #[cfg(feature = "connect_campaigns")]
        "ConnectCampaigns" => connect_campaigns::constraints(name),
        #[cfg(feature = "connect_campaigns_v2")]
        "ConnectCampaignsV2" => connect_campaigns_v2::constraints(name),
        #[cfg(feature = "control_tower")]
        "ControlTower" => control_tower::constraints(name),
        #[cfg(feature = "cur")]
        "CUR" => cur::constraints(name),
        #[cfg(feature = "customer_profiles")]
        "CustomerProfiles" => customer_profiles::constraints(name),
        #[cfg(feature = "data_brew")]
        "DataBrew" => data_brew::constraints(name),
        #[cfg(feature = "data_exchange")]
        "DataExchange" => data_exchange::constraints(name),
        #[cfg(feature = "data_pipeline")]
        "DataPipeline" => data_pipeline::constraints(name),
        #[cfg(feature = "data_sync")]
        "DataSync" => data_sync::constraints(name),
        #[cfg(feature = "data_zone")]
        "DataZone" => data_zone::constraints(name),
        #[cfg(feature = "dax")]
        "DAX" => dax::constraints(name),
        #[cfg(feature = "deadline")]
        "Deadline" => deadline::constraints(name),
        #[cfg(feature = "detective")]
        "Detective" => detective::constraints(name),
        #[cfg(feature = "dev_ops_agent")]
        "DevOpsAgent" => dev_ops_agent::constraints(name),
        #[cfg(feature = "dev_ops_guru")]
        "DevOpsGuru" => dev_ops_guru::constraints(name),
        #[cfg(feature = "direct_connect")]
        "DirectConnect" => direct_connect::constraints(name),
        #[cfg(feature = "directory_service")]
        "DirectoryService" => directory_service::constraints(name),
        #[cfg(feature = "dlm")]
        "DLM" => dlm::constraints(name),
        #[cfg(feature = "dms")]
        "DMS" => dms::constraints(name),
        #[cfg(feature = "doc_db")]
        "DocDB" => doc_db::constraints(name),
        #[cfg(feature = "doc_db_elastic")]
        "DocDBElastic" => doc_db_elastic::constraints(name),
        #[cfg(feature = "drs")]
        "DRS" => drs::constraints(name),
        #[cfg(feature = "dsql")]
        "DSQL" => dsql::constraints(name),
        #[cfg(feature = "dynamo_db")]
        "DynamoDB" => dynamo_db::constraints(name),
        #[cfg(feature = "ec2")]
        "EC2" => ec2::constraints(name),
        #[cfg(feature = "ecr")]
        "ECR" => ecr::constraints(name),
        #[cfg(feature = "ecs")]
        "ECS" => ecs::constraints(name),
        #[cfg(feature = "efs")]
        "EFS" => efs::constraints(name),
        #[cfg(feature = "eks")]
        "EKS" => eks::constraints(name),
        #[cfg(feature = "elasti_cache")]
        "ElastiCache" => elasti_cache::constraints(name),
        #[cfg(feature = "elastic_beanstalk")]
        "ElasticBeanstalk" => elastic_beanstalk::constraints(name),
        #[cfg(feature = "elastic_load_balancing")]
        "ElasticLoadBalancing" => elastic_load_balancing::constraints(name),
        #[cfg(feature = "elastic_load_balancing_v2")]
        "ElasticLoadBalancingV2" => elastic_load_balancing_v2::constraints(name),
        #[cfg(feature = "elasticsearch")]
        "Elasticsearch" => elasticsearch::constraints(name),
        #[cfg(feature = "elemental_inference")]
        "ElementalInference" => elemental_inference::constraints(name),
        #[cfg(feature = "emr")]
        "EMR" => emr::constraints(name),
        #[cfg(feature = "emr_containers")]
        "EMRContainers" => emr_containers::constraints(name),
        #[cfg(feature = "emr_serverless")]
        "EMRServerless" => emr_serverless::constraints(name),
        #[cfg(feature = "entity_resolution")]
        "EntityResolution" => entity_resolution::constraints(name),
        #[cfg(feature = "event_schemas")]
        "EventSchemas" => event_schemas::constraints(name),
        #[cfg(feature = "events")]
        "Events" => events::constraints(name),
        #[cfg(feature = "events_v2")]
        "EventsV2" => events_v2::constraints(name),
        #[cfg(feature = "evidently")]
        "Evidently" => evidently::constraints(name),
        #[cfg(feature = "evs")]
        "EVS" => evs::constraints(name),
        #[cfg(feature = "f_sx")]
        "FSx" => f_sx::constraints(name),
        #[cfg(feature = "fin_space")]
        "FinSpace" => fin_space::constraints(name),
        #[cfg(feature = "fis")]
        "FIS" => fis::constraints(name),
        #[cfg(feature = "fms")]
        "FMS" => fms::constraints(name),
        #[cfg(feature = "forecast")]
        "Forecast" => forecast::constraints(name),
        #[cfg(feature = "fraud_detector")]
        "FraudDetector" => fraud_detector::constraints(name),
        #[cfg(feature = "game_lift")]
        "GameLift" => game_lift::constraints(name),
        #[cfg(feature = "global_accelerator")]
        "GlobalAccelerator" => global_accelerator::constraints(name),
        #[cfg(feature = "glue")]
        "Glue" => glue::constraints(name),
        #[cfg(feature = "grafana")]
        "Grafana" => grafana::constraints(name),
        #[cfg(feature = "greengrass")]
        "Greengrass" => greengrass::constraints(name),
        #[cfg(feature = "greengrass_v2")]
        "GreengrassV2" => greengrass_v2::constraints(name),
        #[cfg(feature = "ground_station")]
        "GroundStation" => ground_station::constraints(name),
        #[cfg(feature = "guard_duty")]
        "GuardDuty" => guard_duty::constraints(name),
        #[cfg(feature = "health_agent")]
        "HealthAgent" => health_agent::constraints(name),
        #[cfg(feature = "health_imaging")]
        "HealthImaging" => health_imaging::constraints(name),
        #[cfg(feature = "health_lake")]
        "HealthLake" => health_lake::constraints(name),
        #[cfg(feature = "iam")]
        "IAM" => iam::constraints(name),
        #[cfg(feature = "identity_store")]
        "IdentityStore" => identity_store::constraints(name),
        #[cfg(feature = "image_builder")]
        "ImageBuilder" => image_builder::constraints(name),
        #[cfg(feature = "inspector")]
        "Inspector" => inspector::constraints(name),
        #[cfg(feature = "inspector_v2")]
        "InspectorV2" => inspector_v2::constraints(name),
        #[cfg(feature = "interconnect")]
        "Interconnect" => interconnect::constraints(name),
        #[cfg(feature = "internet_monitor")]
        "InternetMonitor" => internet_monitor::constraints(name),
        #[cfg(feature = "invoicing")]
        "Invoicing" => invoicing::constraints(name),
        #[cfg(feature = "iot")]
        "IoT" => iot::constraints(name),
        #[cfg(feature = "iot_analytics")]
        "IoTAnalytics" => iot_analytics::constraints(name),
        #[cfg(feature = "iot_core_device_advisor")]
        "IoTCoreDeviceAdvisor" => iot_core_device_advisor::constraints(name),
        #[cfg(feature = "iot_fleet_wise")]
        "IoTFleetWise" => iot_fleet_wise::constraints(name),
        #[cfg(feature = "iot_secure_tunneling")]
        "IoTSecureTunneling" => iot_secure_tunneling::constraints(name),
        #[cfg(feature = "iot_site_wise")]
        "IoTSiteWise" => iot_site_wise::constraints(name),
        #[cfg(feature = "iot_things_graph")]
        "IoTThingsGraph" => iot_things_graph::constraints(name),
        #[cfg(feature = "iot_twin_maker")]
        "IoTTwinMaker" => iot_twin_maker::constraints(name),
        #[cfg(feature = "iot_wireless")]
        "IoTWireless" => iot_wireless::constraints(name),
        #[cfg(feature = "ivs")]
        "IVS" => ivs::constraints(name),
        #[cfg(feature = "ivs_chat")]
        "IVSChat" => ivs_chat::constraints(name),
        #[cfg(feature = "kafka_connect")]
        "KafkaConnect" => kafka_connect::constraints(name),
        #[cfg(feature = "kendra")]
        "Kendra" => kendra::constraints(name),
        #[cfg(feature = "kendra_ranking")]
        "KendraRanking" => kendra_ranking::constraints(name),
        #[cfg(feature = "kinesis")]
        "Kinesis" => kinesis::constraints(name),
        #[cfg(feature = "kinesis_analytics")]
        "KinesisAnalytics" => kinesis_analytics::constraints(name),
        #[cfg(feature = "kinesis_analytics_v2")]
        "KinesisAnalyticsV2" => kinesis_analytics_v2::constraints(name),
        #[cfg(feature = "kinesis_firehose")]
        "KinesisFirehose" => kinesis_firehose::constraints(name),
        #[cfg(feature = "kinesis_video")]
        "KinesisVideo" => kinesis_video::constraints(name),
        #[cfg(feature = "kms")]
        "KMS" => kms::constraints(name),
        #[cfg(feature = "lake_formation")]
        "LakeFormation" => lake_formation::constraints(name),
        #[cfg(feature = "lambda")]
        "Lambda" => lambda::constraints(name),
        #[cfg(feature = "launch_wizard")]
        "LaunchWizard" => launch_wizard::constraints(name),
        #[cfg(feature = "lex")]
        "Lex" => lex::constraints(name),
        #[cfg(feature = "license_manager")]
        "LicenseManager" => license_manager::constraints(name),
        #[cfg(feature = "license_manager_linux_subscriptions")]
        "LicenseManagerLinuxSubscriptions" => license_manager_linux_subscriptions::constraints(name),
        #[cfg(feature = "license_manager_user_subscriptions")]
        "LicenseManagerUserSubscriptions" => license_manager_user_subscriptions::constraints(name),
        #[cfg(feature = "lightsail")]
        "Lightsail" => lightsail::constraints(name),
        #[cfg(feature = "location")]
        "Location" => location::constraints(name),
        #[cfg(feature = "logs")]
        "Logs" => logs::constraints(name),
        #[cfg(feature = "lookout_equipment")]
        "LookoutEquipment" => lookout_equipment::constraints(name),
        #[cfg(feature = "lookout_vision")]
        "LookoutVision" => lookout_vision::constraints(name),
        #[cfg(feature = "m2")]
        "M2" => m2::constraints(name),
        #[cfg(feature = "macie")]
        "Macie" => macie::constraints(name),
        #[cfg(feature = "managed_blockchain")]
        "ManagedBlockchain" => managed_blockchain::constraints(name),
        #[cfg(feature = "media_connect")]
        "MediaConnect" => media_connect::constraints(name),
        #[cfg(feature = "media_convert")]
        "MediaConvert" => media_convert::constraints(name),
        #[cfg(feature = "media_live")]
        "MediaLive" => media_live::constraints(name),
        #[cfg(feature = "media_package")]
        "MediaPackage" => media_package::constraints(name),
        #[cfg(feature = "media_package_v2")]
        "MediaPackageV2" => media_package_v2::constraints(name),
        #[cfg(feature = "media_store")]
        "MediaStore" => media_store::constraints(name),
        #[cfg(feature = "media_tailor")]
        "MediaTailor" => media_tailor::constraints(name),
        #[cfg(feature = "memory_db")]
        "MemoryDB" => memory_db::constraints(name),
        #[cfg(feature = "mgn")]
        "MGN" => mgn::constraints(name),
        #[cfg(feature = "mpa")]
        "MPA" => mpa::constraints(name),
        #[cfg(feature = "msk")]
        "MSK" => msk::constraints(name),
        #[cfg(feature = "mwaa")]
        "MWAA" => mwaa::constraints(name),
        #[cfg(feature = "mwaa_serverless")]
        "MWAAServerless" => mwaa_serverless::constraints(name),
        #[cfg(feature = "neptune")]
        "Neptune" => neptune::constraints(name),
        #[cfg(feature = "neptune_graph")]
        "NeptuneGraph" => neptune_graph::constraints(name),
        #[cfg(feature = "network_firewall")]
        "NetworkFirewall" => network_firewall::constraints(name),
        #[cfg(feature = "network_flow_monitor")]
        "NetworkFlowMonitor" => network_flow_monitor::constraints(name),
        #[cfg(feature = "network_manager")]
        "NetworkManager" => network_manager::constraints(name),
        #[cfg(feature = "network_monitor")]
        "NetworkMonitor" => network_monitor::constraints(name),
        #[cfg(feature = "network_security_manager")]
        "NetworkSecurityManager" => network_security_manager::constraints(name),
        #[cfg(feature = "notifications")]
        "Notifications" => notifications::constraints(name),
        #[cfg(feature = "notifications_contacts")]
        "NotificationsContacts" => notifications_contacts::constraints(name),
        #[cfg(feature = "nova_act")]
        "NovaAct" => nova_act::constraints(name),
        #[cfg(feature = "oam")]
        "Oam" => oam::constraints(name),
        #[cfg(feature = "observability_admin")]
        "ObservabilityAdmin" => observability_admin::constraints(name),
        #[cfg(feature = "odb")]
        "ODB" => odb::constraints(name),
        #[cfg(feature = "omics")]
        "Omics" => omics::constraints(name),
        #[cfg(feature = "open_search")]
        "OpenSearch" => open_search::constraints(name),
        #[cfg(feature = "open_search_serverless")]
        "OpenSearchServerless" => open_search_serverless::constraints(name),
        #[cfg(feature = "open_search_service")]
        "OpenSearchService" => open_search_service::constraints(name),
        #[cfg(feature = "organizations")]
        "Organizations" => organizations::constraints(name),
        #[cfg(feature = "osis")]
        "OSIS" => osis::constraints(name),
        #[cfg(feature = "outposts")]
        "Outposts" => outposts::constraints(name),
        #[cfg(feature = "panorama")]
        "Panorama" => panorama::constraints(name),
        #[cfg(feature = "payment_cryptography")]
        "PaymentCryptography" => payment_cryptography::constraints(name),
        #[cfg(feature = "pca_connector_ad")]
        "PCAConnectorAD" => pca_connector_ad::constraints(name),
        #[cfg(feature = "pca_connector_scep")]
        "PCAConnectorSCEP" => pca_connector_scep::constraints(name),
        #[cfg(feature = "pcs")]
        "PCS" => pcs::constraints(name),
        #[cfg(feature = "personalize")]
        "Personalize" => personalize::constraints(name),
        #[cfg(feature = "pi")]
        "PI" => pi::constraints(name),
        #[cfg(feature = "pinpoint")]
        "Pinpoint" => pinpoint::constraints(name),
        #[cfg(feature = "pinpoint_email")]
        "PinpointEmail" => pinpoint_email::constraints(name),
        #[cfg(feature = "pipes")]
        "Pipes" => pipes::constraints(name),
        #[cfg(feature = "polly")]
        "Polly" => polly::constraints(name),
        #[cfg(feature = "pricing_plan_manager")]
        "PricingPlanManager" => pricing_plan_manager::constraints(name),
        #[cfg(feature = "proton")]
        "Proton" => proton::constraints(name),
        #[cfg(feature = "q_business")]
        "QBusiness" => q_business::constraints(name),
        #[cfg(feature = "qldb")]
        "QLDB" => qldb::constraints(name),
        #[cfg(feature = "quick_sight")]
        "QuickSight" => quick_sight::constraints(name),
        #[cfg(feature = "ram")]
        "RAM" => ram::constraints(name),
        #[cfg(feature = "rbin")]
        "Rbin" => rbin::constraints(name),
        #[cfg(feature = "rds")]
        "RDS" => rds::constraints(name),
        #[cfg(feature = "redshift")]
        "Redshift" => redshift::constraints(name),
        #[cfg(feature = "redshift_serverless")]
        "RedshiftServerless" => redshift_serverless::constraints(name),
        #[cfg(feature = "refactor_spaces")]
        "RefactorSpaces" => refactor_spaces::constraints(name),
        #[cfg(feature = "rekognition")]
        "Rekognition" => rekognition::constraints(name),
        #[cfg(feature = "resilience_hub")]
        "ResilienceHub" => resilience_hub::constraints(name),
        #[cfg(feature = "resilience_hub_v2")]
        "ResilienceHubV2" => resilience_hub_v2::constraints(name),
        #[cfg(feature = "resource_explorer2")]
        "ResourceExplorer2" => resource_explorer2::constraints(name),
        #[cfg(feature = "resource_groups")]
        "ResourceGroups" => resource_groups::constraints(name),
        #[cfg(feature = "robo_maker")]
        "RoboMaker" => robo_maker::constraints(name),
        #[cfg(feature = "roles_anywhere")]
        "RolesAnywhere" => roles_anywhere::constraints(name),
        #[cfg(feature = "route53")]
        "Route53" => route53::constraints(name),
        #[cfg(feature = "route53_global_resolver")]
        "Route53GlobalResolver" => route53_global_resolver::constraints(name),
        #[cfg(feature = "route53_profiles")]
        "Route53Profiles" => route53_profiles::constraints(name),
        #[cfg(feature = "route53_recovery_control")]
        "Route53RecoveryControl" => route53_recovery_control::constraints(name),
        #[cfg(feature = "route53_recovery_readiness")]
        "Route53RecoveryReadiness" => route53_recovery_readiness::constraints(name),
        #[cfg(feature = "route53_resolver")]
        "Route53Resolver" => route53_resolver::constraints(name),
        #[cfg(feature = "rtb_fabric")]
        "RTBFabric" => rtb_fabric::constraints(name),
        #[cfg(feature = "rum")]
        "RUM" => rum::constraints(name),
        #[cfg(feature = "s3")]
        "S3" => s3::constraints(name),
        #[cfg(feature = "s3_express")]
        "S3Express" => s3_express::constraints(name),
        #[cfg(feature = "s3_files")]
        "S3Files" => s3_files::constraints(name),
        #[cfg(feature = "s3_object_lambda")]
        "S3ObjectLambda" => s3_object_lambda::constraints(name),
        #[cfg(feature = "s3_outposts")]
        "S3Outposts" => s3_outposts::constraints(name),
        #[cfg(feature = "s3_tables")]
        "S3Tables" => s3_tables::constraints(name),
        #[cfg(feature = "s3_vectors")]
        "S3Vectors" => s3_vectors::constraints(name),
        #[cfg(feature = "sage_maker")]
        "SageMaker" => sage_maker::constraints(name),
        #[cfg(feature = "scheduler")]
        "Scheduler" => scheduler::constraints(name),
        #[cfg(feature = "scn")]
        "SCN" => scn::constraints(name),
        #[cfg(feature = "sdb")]
        "SDB" => sdb::constraints(name),
        #[cfg(feature = "secrets_manager")]
        "SecretsManager" => secrets_manager::constraints(name),
        #[cfg(feature = "security_agent")]
        "SecurityAgent" => security_agent::constraints(name),
        #[cfg(feature = "security_hub")]
        "SecurityHub" => security_hub::constraints(name),
        #[cfg(feature = "security_lake")]
        "SecurityLake" => security_lake::constraints(name),
        #[cfg(feature = "serverless_repo")]
        "ServerlessRepo" => serverless_repo::constraints(name),
        #[cfg(feature = "service_catalog")]
        "ServiceCatalog" => service_catalog::constraints(name),
        #[cfg(feature = "service_catalog_app_registry")]
        "ServiceCatalogAppRegistry" => service_catalog_app_registry::constraints(name),
        #[cfg(feature = "service_discovery")]
        "ServiceDiscovery" => service_discovery::constraints(name),
        #[cfg(feature = "ses")]
        "SES" => ses::constraints(name),
        #[cfg(feature = "shield")]
        "Shield" => shield::constraints(name),
        #[cfg(feature = "signer")]
        "Signer" => signer::constraints(name),
        #[cfg(feature = "sim_space_weaver")]
        "SimSpaceWeaver" => sim_space_weaver::constraints(name),
        #[cfg(feature = "smsvoice")]
        "SMSVOICE" => smsvoice::constraints(name),
        #[cfg(feature = "sns")]
        "SNS" => sns::constraints(name),
        #[cfg(feature = "sqs")]
        "SQS" => sqs::constraints(name),
        #[cfg(feature = "ssm")]
        "SSM" => ssm::constraints(name),
        #[cfg(feature = "ssm_contacts")]
        "SSMContacts" => ssm_contacts::constraints(name),
        #[cfg(feature = "ssm_gui_connect")]
        "SSMGuiConnect" => ssm_gui_connect::constraints(name),
        #[cfg(feature = "ssm_incidents")]
        "SSMIncidents" => ssm_incidents::constraints(name),
        #[cfg(feature = "ssm_quick_setup")]
        "SSMQuickSetup" => ssm_quick_setup::constraints(name),
        #[cfg(feature = "sso")]
        "SSO" => sso::constraints(name),
        #[cfg(feature = "step_functions")]
        "StepFunctions" => step_functions::constraints(name),
        #[cfg(feature = "storage_gateway")]
        "StorageGateway" => storage_gateway::constraints(name),
        #[cfg(feature = "support_app")]
        "SupportApp" => support_app::constraints(name),
        #[cfg(feature = "support_auth_z")]
        "SupportAuthZ" => support_auth_z::constraints(name),
        #[cfg(feature = "synthetics")]
        "Synthetics" => synthetics::constraints(name),
        #[cfg(feature = "systems_manager_sap")]
        "SystemsManagerSAP" => systems_manager_sap::constraints(name),
        #[cfg(feature = "textract")]
        "Textract" => textract::constraints(name),
        #[cfg(feature = "timestream")]
        "Timestream" => timestream::constraints(name),
        #[cfg(feature = "transcribe")]
        "Transcribe" => transcribe::constraints(name),
        #[cfg(feature = "transfer")]
        "Transfer" => transfer::constraints(name),
        #[cfg(feature = "translate")]
        "Translate" => translate::constraints(name),
        #[cfg(feature = "uxc")]
        "UXC" => uxc::constraints(name),
        #[cfg(feature = "verified_permissions")]
        "VerifiedPermissions" => verified_permissions::constraints(name),
        #[cfg(feature = "voice_id")]
        "VoiceID" => voice_id::constraints(name),
        #[cfg(feature = "vpc_lattice")]
        "VpcLattice" => vpc_lattice::constraints(name),
        #[cfg(feature = "wa_fv2")]
        "WAFv2" => wa_fv2::constraints(name),
        #[cfg(feature = "waf")]
        "WAF" => waf::constraints(name),
        #[cfg(feature = "waf_regional")]
        "WAFRegional" => waf_regional::constraints(name),
        #[cfg(feature = "well_architected")]
        "WellArchitected" => well_architected::constraints(name),
        #[cfg(feature = "wickr")]
        "Wickr" => wickr::constraints(name),
        #[cfg(feature = "wisdom")]
        "Wisdom" => wisdom::constraints(name),
        #[cfg(feature = "work_spaces")]
        "WorkSpaces" => work_spaces::constraints(name),
        #[cfg(feature = "work_spaces_thin_client")]
        "WorkSpacesThinClient" => work_spaces_thin_client::constraints(name),
        #[cfg(feature = "work_spaces_web")]
        "WorkSpacesWeb" => work_spaces_web::constraints(name),
        #[cfg(feature = "workspaces_instances")]
        "WorkspacesInstances" => workspaces_instances::constraints(name),
        #[cfg(feature = "x_ray")]
        "XRay" => x_ray::constraints(name),
        _ => None,
    }
}

static REGISTRY: rcdk_core::schema::SchemaRegistry = rcdk_core::schema::SchemaRegistry {
    types: &metadata::TYPES,
    constraints,
    source: "cfn-lint 1.58.0, schema date 2026-10-20T22:11:15Z",
};

/// Hands the registry metadata of every type, and the schema constraints of
/// the compiled services, to `rcdk-core`, so synthesis checks resources by
/// their schema, untyped ones (`Resource::new`) included. Every generated
/// constructor calls it; a program that only writes untyped resources
/// calls it once before `synth`.
pub fn register() {
    rcdk_core::schema::register(&REGISTRY);
}

// Shared by the generated modules.

/// Adds an optional property to a rendered object.
#[allow(dead_code)]
#[inline]
fn put<T: rcdk_core::ToValue>(m: &mut rcdk_core::IndexMap<String, rcdk_core::Value>, name: &str, v: &Option<T>) {
    if let Some(v) = v {
        m.insert(name.to_owned(), v.to_value());
    }
}

/// Adds a required property to a rendered object.
#[allow(dead_code)]
#[inline]
fn put_required<T: rcdk_core::ToValue>(m: &mut rcdk_core::IndexMap<String, rcdk_core::Value>, name: &str, v: &T) {
    m.insert(name.to_owned(), v.to_value());
}

/// `Debug` of a property struct: its name and rendered value.
#[allow(dead_code)]
#[inline]
fn debug(f: &mut std::fmt::Formatter<'_>, name: &str, v: &dyn rcdk_core::ToValue) -> std::fmt::Result {
    write!(f, "{name} {:?}", v.to_value())
}

/// Inserts an entry into a map property, creating the map if needed.
#[allow(dead_code)]
#[inline]
fn insert_into(r: &rcdk_core::Resource, name: &str, key: String, value: rcdk_core::Value) {
    let mut m = match r.property(name) {
        Some(rcdk_core::Value::Object(m)) => m,
        _ => rcdk_core::IndexMap::new(),
    };
    m.insert(key, value);
    r.set_property(name, rcdk_core::Value::Object(m));
}
